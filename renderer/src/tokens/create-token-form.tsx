// The Create token form: name, description, permission, projects, expiry, allowed IP ranges and bypass 2FA. Each
// field shows its own problem; ranges are checked as they are typed, the rest on submit.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { NewTokenRequest } from '../bridge/contract.ts';
import { FormActions } from '../form-actions.tsx';
import { WarningIcon } from '../icons.tsx';
import { paths } from '../paths.ts';
import {
  dateInputValue,
  emptyTokenForm,
  formProblems,
  maxDays,
  presetDays,
  rangeProblem,
  toRequest,
  type FormProblems,
  type TokenForm,
} from './token-form.ts';

interface CreateTokenFormProps {
  projects: ReadonlyArray<{ name: string; role: string }>;
  twoFactorEnabled: boolean;
  pending: boolean;
  onSubmit: (request: NewTokenRequest) => void;
  onCancel: () => void;
}

const day = 86_400_000;

export function CreateTokenForm({ projects, twoFactorEnabled, pending, onSubmit, onCancel }: CreateTokenFormProps) {
  const [form, setForm] = useState<TokenForm>(emptyTokenForm);
  const [problems, setProblems] = useState<FormProblems>({});
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { name: useId(), description: useId(), date: useId(), ranges: useId(), bypass: useId(), hint: useId() };
  const now = Date.now();
  const limit = maxDays(form.permission);

  function change(changes: Partial<TokenForm>) {
    const next = { ...form, ...changes };
    // Each permission starts at the registry's own default (a week for a token that publishes, 30 days for a
    // read-only one) unless a date was picked.
    if (changes.permission && next.expiry !== 'date') next.expiry = changes.permission === 'read-write' ? '7' : '30';
    setForm(next);
    const cleared = { ...problems };
    for (const key of Object.keys(changes)) delete cleared[(key === 'scope' ? 'projects' : key === 'date' ? 'expiry' : key) as keyof FormProblems];
    // Ranges are checked as typed.
    if ('ranges' in changes) {
      const problem = rangeProblem(next.ranges);
      if (problem) cleared.ranges = problem;
    }
    setProblems(cleared);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = formProblems(form, Date.now());
    setProblems(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onSubmit(toRequest(form, Date.now()));
  }

  const invalid = (field: keyof FormProblems) => (problems[field] ? true : undefined);
  const problemId = (field: keyof FormProblems) => `${ids.hint}-${field}`;
  const problemText = (field: keyof FormProblems) =>
    problems[field] ? (
      <p className="field__problem" id={problemId(field)}>
        {problems[field]}
      </p>
    ) : null;

  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-busy={pending} noValidate>
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input
          id={ids.name}
          value={form.name}
          maxLength={64}
          autoComplete="off"
          aria-invalid={invalid('name')}
          aria-describedby={problems.name ? problemId('name') : undefined}
          onChange={(event) => change({ name: event.target.value })}
        />
        {problemText('name')}
      </div>
      <div className="field">
        <label htmlFor={ids.description}>Description (optional)</label>
        <textarea
          id={ids.description}
          rows={2}
          maxLength={500}
          value={form.description}
          onChange={(event) => change({ description: event.target.value })}
        />
      </div>

      <fieldset className="choice-group">
        <legend>Permission</legend>
        <Choice name="permission" checked={form.permission === 'read-only'} onChange={() => change({ permission: 'read-only' })}>
          Read-only <span className="field__hint">— reads your projects; up to {maxDays('read-only')} days</span>
        </Choice>
        <Choice
          name="permission"
          checked={form.permission === 'read-write'}
          disabled={!twoFactorEnabled}
          onChange={() => change({ permission: 'read-write' })}
        >
          Read and publish <span className="field__hint">— up to {maxDays('read-write')} days</span>
        </Choice>
        {twoFactorEnabled ? null : (
          <p className="field__hint">
            Tokens that publish need two-factor authentication on your account. <Link to={paths.twoFactor}>Turn it on</Link> first.
          </p>
        )}
      </fieldset>

      <fieldset className="choice-group" aria-describedby={problems.projects ? problemId('projects') : undefined}>
        <legend>Projects</legend>
        <Choice name="scope" checked={form.scope === 'chosen'} onChange={() => change({ scope: 'chosen' })}>
          Only the projects I choose
        </Choice>
        {form.scope === 'chosen' ? (
          <ul className="choice-list" aria-label="Projects this token can reach">
            {projects.length === 0 ? <li className="field__hint">You have no projects yet.</li> : null}
            {projects.map((project) => (
              <li key={project.name}>
                <Choice
                  type="checkbox"
                  name="projects"
                  checked={form.projects.includes(project.name)}
                  invalid={invalid('projects')}
                  onChange={(checked) =>
                    change({ projects: checked ? [...form.projects, project.name] : form.projects.filter((name) => name !== project.name) })
                  }
                >
                  <span className="mono">{project.name}</span> <span className="field__hint">({project.role})</span>
                </Choice>
              </li>
            ))}
          </ul>
        ) : null}
        <Choice name="scope" checked={form.scope === 'all'} onChange={() => change({ scope: 'all' })}>
          All my projects, including ones I get later
        </Choice>
        {form.scope === 'all' ? (
          <Warning>A stolen token for all projects can reach every one of them. Choose projects unless this token really needs them all.</Warning>
        ) : null}
        {problemText('projects')}
      </fieldset>

      <fieldset className="choice-group" aria-describedby={problems.expiry ? problemId('expiry') : undefined}>
        <legend>Expires</legend>
        {presetDays.map((days) => (
          <Choice
            key={days}
            name="expiry"
            checked={form.expiry === String(days)}
            disabled={days > limit}
            onChange={() => change({ expiry: String(days) as TokenForm['expiry'] })}
          >
            In {days} days
          </Choice>
        ))}
        <Choice name="expiry" checked={form.expiry === 'date'} onChange={() => change({ expiry: 'date' })}>
          On a date
        </Choice>
        {form.expiry === 'date' ? (
          <div className="field field--inset">
            <label htmlFor={ids.date}>Expiry date</label>
            <input
              id={ids.date}
              type="date"
              value={form.date}
              min={dateInputValue(now + day)}
              max={dateInputValue(now + limit * day)}
              aria-invalid={invalid('expiry')}
              onChange={(event) => change({ date: event.target.value })}
            />
          </div>
        ) : null}
        {problemText('expiry')}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.ranges}>Allowed IP ranges (optional)</label>
        <textarea
          id={ids.ranges}
          rows={2}
          className="mono"
          placeholder={'203.0.113.0/24\n2001:db8::/32'}
          value={form.ranges}
          aria-invalid={invalid('ranges')}
          aria-describedby={problems.ranges ? `${ids.hint} ${problemId('ranges')}` : ids.hint}
          onChange={(event) => change({ ranges: event.target.value })}
        />
        <p className="field__hint" id={ids.hint}>
          One address or CIDR range per line, IPv4 or IPv6. Empty means any address.
        </p>
        {problemText('ranges')}
      </div>

      {form.permission === 'read-write' ? (
        <div className="choice-group">
          <Choice type="checkbox" name="bypass2fa" checked={form.bypass2fa} onChange={(checked) => change({ bypass2fa: checked })}>
            Publish without a one-time code (bypass 2FA), for automation
          </Choice>
          {form.bypass2fa ? (
            <Warning>Anyone holding this token can publish without your second factor. Limit it to your CI's IP ranges.</Warning>
          ) : null}
        </div>
      ) : null}

      <FormActions submitLabel="Create token" pending={pending} pendingText="Creating…" onCancel={onCancel} />
    </form>
  );
}

interface ChoiceProps {
  type?: 'radio' | 'checkbox';
  name: string;
  checked: boolean;
  disabled?: boolean;
  invalid?: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}

function Choice({ type = 'radio', name, checked, disabled, invalid, onChange, children }: ChoiceProps) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type={type}
        name={name}
        checked={checked}
        disabled={disabled}
        aria-invalid={invalid}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}

function Warning({ children }: { children: ReactNode }) {
  return (
    <p className="inline-warning">
      <WarningIcon />
      <span>{children}</span>
    </p>
  );
}
