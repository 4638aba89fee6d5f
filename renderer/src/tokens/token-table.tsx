// The account's tokens as a table: sortable columns (announced with aria-sort), a checkbox per row to select it
// from the keyboard, the warnings as badges, and Revoke per row.
import type { TokenRow } from '../bridge/contract.ts';
import { SortHeader } from '../sort-header.tsx';
import { badgeNames, badges, scopeText, type SortDirection, type SortKey } from './token-text.ts';
import { TokenExpiry, TokenLastUse } from './token-times.tsx';

interface TokenTableProps {
  tokens: readonly TokenRow[];
  sort: { key: SortKey; direction: SortDirection };
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: readonly string[], selected: boolean) => void;
  onRevoke: (token: TokenRow) => void;
}

export function TokenTable({ tokens, sort, onSort, selected, onSelect, onRevoke }: TokenTableProps) {
  const now = Date.now();
  const selectedShown = tokens.filter((token) => selected.has(token.id)).length;
  const allSelected = tokens.length > 0 && selectedShown === tokens.length;
  return (
    <div className="table-scroll">
      <table className="table token-table">
        <caption className="visually-hidden">Active tokens. Column headers sort the table.</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select all tokens shown"
                checked={allSelected}
                ref={(box) => {
                  // Some but not all shown rows selected: neither checked nor unchecked.
                  if (box) box.indeterminate = selectedShown > 0 && !allSelected;
                }}
                disabled={tokens.length === 0}
                onChange={(event) => onSelect(tokens.map((token) => token.id), event.target.checked)}
              />
            </th>
            <SortHeader column="name" label="Name" sort={sort} onSort={onSort} />
            <th scope="col">Projects</th>
            <th scope="col">Permission</th>
            <SortHeader column="expiresAt" label="Expires" sort={sort} onSort={onSort} />
            <SortHeader column="lastUsed" label="Last used" sort={sort} onSort={onSort} />
            <th scope="col">Warnings</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className={selected.has(token.id) ? 'is-selected' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${token.name}`}
                  checked={selected.has(token.id)}
                  onChange={(event) => onSelect([token.id], event.target.checked)}
                />
              </td>
              <th scope="row" className="token-table__name">
                <span>{token.name}</span>
                <span className="mono field__hint">{token.preview}…</span>
                {token.description ? <span className="field__hint token-table__description">{token.description}</span> : null}
              </th>
              <td>{scopeText(token.projects)}</td>
              <td>{token.permission === 'read-write' ? 'Read and publish' : 'Read-only'}</td>
              <td>
                <TokenExpiry expiresAt={token.expiresAt} now={now} />
              </td>
              <td>
                <TokenLastUse lastUsed={token.lastUsed} />
              </td>
              <td>
                <ul className="badges">
                  {badgeNames
                    .filter((name) => token.flags[name])
                    .map((name) => (
                      <li key={name} className={`badge badge--${name}`} title={badges[name].explanation}>
                        {badges[name].label}
                      </li>
                    ))}
                </ul>
              </td>
              <td>
                <button type="button" className="button button--secondary button--small" aria-label={`Revoke ${token.name}`} onClick={() => onRevoke(token)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
