// Tokens: the account's API tokens with what to worry about, filters and sorting, Create token, Revoke (one, the
// selected ones, the stale ones, each confirmed with exactly which), and the way to the local token finder.
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, AppInfo, TokenRow } from '../bridge/contract.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { focusPageHeading, PageHeading } from '../page-heading.tsx';
import { paths } from '../paths.ts';
import { useAccountOverview } from '../queries.ts';
import { QueryStatus } from '../query-status.tsx';
import { nextSort } from '../sort-header.tsx';
import { CreateTokenDialog } from '../tokens/create-token-dialog.tsx';
import { RevokeTokensDialog } from '../tokens/revoke-tokens-dialog.tsx';
import { useProjects, useRevokeToken, useRevokeTokens, useTokens } from '../tokens/token-queries.ts';
import { TokenTable } from '../tokens/token-table.tsx';
import { badgeNames, badges, countText, filterTokens, noFilter, sortTokens, type SortKey, type TokenFilter } from '../tokens/token-text.ts';

type Dialog = { kind: 'create' } | { kind: 'revoke'; title: string; tokens: TokenRow[] } | null;

// The registry takes at most this many ids per bulk revocation.
const revokeBatch = 100;

export function TokensPage({ account, outlet }: { account: AccountRef; outlet: AppInfo['secretOutlet'] }) {
  const tokens = useTokens(account);
  const projects = useProjects(account);
  const overview = useAccountOverview(account);
  const revokeOne = useRevokeToken(account);
  const revokeMany = useRevokeTokens(account);
  const [filter, setFilter] = useState<TokenFilter>(noFilter);
  const [sort, setSort] = useState<{ key: SortKey; direction: 'ascending' | 'descending' }>({ key: 'expiresAt', direction: 'ascending' });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const ids = { search: useId(), permission: useId(), badge: useId() };

  const all = tokens.data?.tokens ?? [];
  const shown = useMemo(() => sortTokens(filterTokens(all, filter), sort.key, sort.direction), [all, filter, sort]);
  // Only tokens listed and shown count as selected: one revoked elsewhere, or hidden by the filter, drops out.
  const selected = shown.filter((token) => chosen.has(token.id));
  const stale = all.filter((token) => token.flags.stale);

  function select(tokenIds: readonly string[], on: boolean) {
    const next = new Set(chosen);
    for (const id of tokenIds) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setChosen(next);
  }

  function changeSort(key: SortKey) {
    setSort((current) => nextSort(current, key));
  }

  async function revoke(list: readonly TokenRow[]) {
    clear();
    try {
      let revoked = 0;
      if (list.length === 1) {
        await revokeOne.mutateAsync({ id: list[0]!.id });
        revoked = 1;
      } else {
        for (let start = 0; start < list.length; start += revokeBatch) {
          const ids = list.slice(start, start + revokeBatch).map((token) => token.id);
          revoked += (await revokeMany.mutateAsync({ ids })).revoked;
        }
      }
      setDone(list.length === 1 ? `Revoked ${list[0]!.name}.` : `Revoked ${countText(revoked, 'token')}.`);
      select(
        list.map((token) => token.id),
        false,
      );
    } catch (error) {
      fail(error);
    } finally {
      setDialog(null);
      // The row whose button had focus may be gone.
      requestAnimationFrame(focusPageHeading);
    }
  }

  return (
    <>
      <PageHeading title="Tokens">
        <p className="metric__text">
          Keep tokens few, scoped to one project, short-lived and limited to the addresses that use them. Revoke what nobody uses.
        </p>
      </PageHeading>
      <QueryStatus query={tokens} loadingText="Loading tokens…" registryUrl={account.registryUrl} />
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      {tokens.data ? (
        <section className="card stack" aria-label="API tokens">
          <div className="toolbar">
            <button type="button" className="button button--primary" onClick={() => (clear(), setDone(''), setDialog({ kind: 'create' }))}>
              Create token
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={selected.length === 0}
              onClick={() => setDialog({ kind: 'revoke', title: 'Revoke selected tokens?', tokens: selected })}
            >
              Revoke selected{selected.length > 0 ? ` (${selected.length})` : ''}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={stale.length === 0}
              onClick={() => setDialog({ kind: 'revoke', title: 'Revoke stale tokens?', tokens: stale })}
            >
              Revoke stale tokens{stale.length > 0 ? ` (${stale.length})` : ''}
            </button>
            <Link className="button button--secondary" to={paths.tokenFinder}>
              Find tokens on this computer
            </Link>
          </div>
          <div className="filters" role="search" aria-label="Filter tokens">
            <div className="field">
              <label htmlFor={ids.search}>Search</label>
              <input
                id={ids.search}
                type="search"
                placeholder="Name, description or project"
                value={filter.text}
                onChange={(event) => setFilter({ ...filter, text: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.permission}>Permission</label>
              <select
                id={ids.permission}
                value={filter.permission}
                onChange={(event) => setFilter({ ...filter, permission: event.target.value as TokenFilter['permission'] })}
              >
                <option value="any">Any</option>
                <option value="read-only">Read-only</option>
                <option value="read-write">Read and publish</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.badge}>Warning</label>
              <select id={ids.badge} value={filter.badge} onChange={(event) => setFilter({ ...filter, badge: event.target.value as TokenFilter['badge'] })}>
                <option value="any">Any</option>
                {badgeNames.map((name) => (
                  <option key={name} value={name}>
                    {badges[name].label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="field__hint" aria-live="polite">
            {all.length === 0
              ? 'No active tokens. Create one scoped to a single project when something needs to publish.'
              : shown.length === all.length
                ? `${countText(all.length, 'active token')}.`
                : `Showing ${shown.length} of ${countText(all.length, 'active token')}.`}
          </p>
          {shown.length > 0 ? (
            <TokenTable
              tokens={shown}
              sort={sort}
              onSort={changeSort}
              selected={chosen}
              onSelect={select}
              onRevoke={(token) => setDialog({ kind: 'revoke', title: `Revoke ${token.name}?`, tokens: [token] })}
            />
          ) : null}
          <details className="badge-help">
            <summary>What the warnings mean</summary>
            <dl className="badge-legend">
              {badgeNames.map((name) => (
                <div key={name}>
                  <dt>{badges[name].label}</dt>
                  <dd>The token {badges[name].explanation}.</dd>
                </div>
              ))}
            </dl>
          </details>
        </section>
      ) : null}
      {dialog?.kind === 'create' ? (
        <CreateTokenDialog
          account={account}
          outlet={outlet}
          projects={projects.data?.projects ?? []}
          // Unknown (still loading, or failed): the registry has the last word and says two_factor_required.
          twoFactorEnabled={overview.data?.twoFactorEnabled ?? true}
          projectsError={projects.error}
          onClose={(created) => {
            setDialog(null);
            if (created) setDone(`Created ${created}. It is listed below; the token itself is not shown again.`);
          }}
        />
      ) : null}
      {dialog?.kind === 'revoke' ? (
        <RevokeTokensDialog
          title={dialog.title}
          tokens={dialog.tokens}
          pending={revokeOne.isPending || revokeMany.isPending}
          onConfirm={() => void revoke(dialog.tokens)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
