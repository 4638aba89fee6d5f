// The CLI's `project` commands, which work on a data folder (also while the server runs):
//   project add <name> --owner <user> --data <dir>
//   project add-collaborator <name> <user> [--role maintainer|owner] --data <dir>
//   project remove-collaborator <name> <user> --data <dir>
// Each prints one line of JSON saying what it did.
import { parseArgs } from 'node:util';
import { projectRoles, type ProjectRole } from './contract/project-schemas.ts';
import { addCollaborator, createProject, removeCollaborator } from './server/project-admin.ts';
import { openStore, type RegistryStore } from './store/store.ts';
import { UsageError } from './usage-error.ts';

export const projectUsage = `  node registry/cli.ts project add <name> --owner <user> --data <dir>
      Create a project owned by <user>. Names are 1-100 letters, digits, ".", "_" or "-"; names that differ only
      in case or in ".", "_" and "-" are the same project (as on PyPI). Prints {"project","owner"}.

  node registry/cli.ts project add-collaborator <name> <user> [--role maintainer|owner] --data <dir>
      Let <user> publish <name> too, as a maintainer (the default) or an owner. Refused while <name> requires 2FA
      for publishing and <user> has none.

  node registry/cli.ts project remove-collaborator <name> <user> --data <dir>
      Take <user> off <name>; their tokens stop working for it at once. A project keeps at least one owner.
`;

function withStore<T>(dataDir: string | undefined, work: (store: RegistryStore) => T): T {
  if (!dataDir) throw new UsageError('--data <dir> is required');
  const store = openStore(dataDir);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

function positionalsOf(command: string, positionals: string[], names: string[]): string[] {
  if (positionals.length !== names.length) throw new UsageError(`project ${command} takes ${names.join(' and ')}`);
  return positionals;
}

function parseRole(value: string | undefined): ProjectRole {
  if (value === undefined) return 'maintainer';
  if (!(projectRoles as readonly string[]).includes(value)) throw new UsageError(`--role must be maintainer or owner, not "${value}"`);
  return value as ProjectRole;
}

const print = (result: unknown): void => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

export function runProjectCommand(argv: string[]): void {
  const [command, ...args] = argv;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, owner: { type: 'string' }, role: { type: 'string' } },
  });
  switch (command) {
    case 'add': {
      const [name] = positionalsOf(command, positionals, ['a project name']);
      if (!values.owner) throw new UsageError('--owner <user> is required');
      if (values.role !== undefined) throw new UsageError('project add takes --owner, not --role');
      const owner = values.owner;
      withStore(values.data, (store) => createProject(store, { name: name!, owner, createdAt: Date.now() }));
      return print({ project: name, owner });
    }
    case 'add-collaborator': {
      const [project, username] = positionalsOf(command, positionals, ['a project name', 'a user name']);
      const role = parseRole(values.role);
      withStore(values.data, (store) => addCollaborator(store, { project: project!, username: username!, role, addedAt: Date.now() }));
      return print({ project, username, role });
    }
    case 'remove-collaborator': {
      const [project, username] = positionalsOf(command, positionals, ['a project name', 'a user name']);
      withStore(values.data, (store) => removeCollaborator(store, { project: project!, username: username! }));
      return print({ project, username, removed: true });
    }
    default:
      throw new UsageError('Unknown command; did you mean "project add", "project add-collaborator" or "project remove-collaborator"?');
  }
}
