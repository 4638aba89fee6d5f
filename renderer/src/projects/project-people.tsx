// The project page's two tables: who may publish (with their 2FA state), and every active token that can reach
// the project, whoever holds it.
import type { ProjectCompliance } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { TokenExpiry, TokenLastUse } from '../tokens/token-times.tsx';

type Project = ProjectCompliance['project'];

// `removable` says whose row gets a Remove button (null: nobody's, e.g. for a maintainer or an inactive account).
export function CollaboratorTable(props: {
  collaborators: Project['collaborators'];
  removable: ((username: string) => boolean) | null;
  onRemove: (username: string) => void;
}) {
  const { collaborators, removable, onRemove } = props;
  return (
    <section className="card stack" aria-label="Collaborators">
      <h2>Collaborators</h2>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Collaborators and their two-factor authentication</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Added</th>
              <th scope="col">Last published</th>
              {removable ? (
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {collaborators.map((person) => (
              <tr key={person.username}>
                <th scope="row" className="mono">
                  {person.username}
                </th>
                <td>{person.role === 'owner' ? 'Owner' : 'Maintainer'}</td>
                <td>
                  {person.twoFactor.enabled ? (
                    <span className="status status--compliant">On</span>
                  ) : (
                    <span className="status status--failing">Off</span>
                  )}
                </td>
                <td>
                  <DateTime iso={person.addedAt} />
                </td>
                <td>{person.lastPublishedAt ? <DateTime iso={person.lastPublishedAt} /> : 'Never'}</td>
                {removable ? (
                  <td>
                    {removable(person.username) ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Remove ${person.username}`}
                        onClick={() => onRemove(person.username)}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ReachingTokenTable({ tokens }: { tokens: Project['tokens'] }) {
  const now = Date.now();
  return (
    <section className="card stack" aria-label="Tokens that reach this project">
      <h2>Tokens that reach this project</h2>
      {tokens.length === 0 ? (
        <p>No active token can reach it.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Active tokens that can reach this project</caption>
            <thead>
              <tr>
                <th scope="col">Holder</th>
                <th scope="col">Token</th>
                <th scope="col">Scope</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Limits</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td className="mono">{token.holder}</td>
                  <th scope="row">
                    {token.name}
                    <span className="field__hint"> · {token.permission === 'read-write' ? 'read and publish' : 'read-only'}</span>
                  </th>
                  <td>{token.allProjects ? 'All projects' : 'This project'}</td>
                  <td>
                    <TokenExpiry expiresAt={token.expiresAt} now={now} />
                  </td>
                  <td>
                    <TokenLastUse lastUsed={token.lastUsed} />
                  </td>
                  <td>
                    {[token.bypass2fa ? 'Bypasses 2FA' : null, token.allowedCidrs.length === 0 ? 'No IP limit' : token.allowedCidrs.join(', ')]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
