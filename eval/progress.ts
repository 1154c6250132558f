/**
 * The run's progress on stderr: a bar redrawn in place on a terminal; elsewhere (CI logs, a pipe)
 * one line about every tenth of the run, so a log shows it is alive without a line per case.
 */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, total: number) {
  let lastTenth = -1;
  let failed = 0;
  return (done: number, caseId: string, passed: boolean) => {
    if (!passed) failed++;
    if (total === 0) return;
    const ratio = done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      const room = Math.max(0, (stream.columns || 100) - width - 30);
      stream.write(`\r\x1b[Keval [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ''} ${caseId.slice(0, room)}`);
      if (done >= total) stream.write('\r\x1b[K');
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`eval: ${done}/${total} cases (${Math.round(ratio * 100)}%)${failed ? `, ${failed} failed` : ''}\n`);
    }
  };
}
