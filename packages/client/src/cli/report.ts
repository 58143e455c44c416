// The human-readable report of a finished analysis.
import type { TaskWithResult } from '../client.js';

export function timestamp(seconds: number | null | undefined): string {
  if (seconds == null) return '    ';
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatReport(task: TaskWithResult, opts: { topActions?: number } = {}): string {
  const r = task.result;
  if (!r) return `Task ${task.id}: ${task.status}${task.error ? ` (${task.error.code}: ${task.error.message})` : ''}\n`;
  const lines: string[] = [];
  lines.push('', `Score ${r.score}/100  grade ${r.grade}   (before penalties ${r.scoreBeforePenalties}; judged by ${r.ruleBased ? 'the offline rules' : `${r.provider}${r.model ? ` ${r.model}` : ''}`})`);
  lines.push(r.summary, '');
  if (r.creativeMetrics.length) {
    lines.push('Metrics');
    for (const m of r.creativeMetrics) lines.push(`  ${m.title.padEnd(34)} ${String(m.score).padStart(3)}  ${m.grade}`);
    lines.push('');
  }
  lines.push(r.detectedIssues.length ? `Issues (${r.detectedIssues.length})` : 'Issues: none found');
  for (const i of r.detectedIssues) lines.push(`  ${timestamp(i.atSeconds).padStart(5)}  ${i.severity.padEnd(6)} ${i.title}${i.penalty ? `  (−${i.penalty})` : ''}`);
  const top = r.recommendations.slice(0, opts.topActions ?? 5);
  if (top.length) {
    lines.push('', 'Top actions');
    for (const a of top) lines.push(`  ${a.priority}. ${a.timestampLabel ? `[${a.timestampLabel}] ` : ''}${a.text}  (impact ${a.impact.toLowerCase()}, effort ${a.effort.toLowerCase()})`);
  }
  lines.push('', `Task ${task.id}`, '');
  return lines.join('\n');
}
