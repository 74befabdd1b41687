import { Notice } from '../ui.tsx';

/** What of the organisation's policy was not applied, one sentence each; nothing when all was. */
export function PolicyProblems({ title, problems }: { title: string; problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <Notice tone="warning" title={title}>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </Notice>
  );
}
