import { describe, expect, it } from 'vitest';
import { ASKS_CERTIFICATE, askedAttributes } from './attributes.js';

describe('what a course gives at the end', () => {
  it.each(['che attestato si ottiene con il corso di python', 'cosa mi danno alla fine', 'what do i receive at the end of the course', 'rilascia un attestato'])('"%s" asks the certificate', (q) => {
    expect(askedAttributes(q).attributes).toContain('certificate');
    expect(ASKS_CERTIFICATE.test(q)).toBe(true);
  });

  it.each(['inglese b1 per il lavoro mi danno i libri', 'ricevo la naspi a fine mese'])('"%s" does not', (q) => {
    expect(askedAttributes(q).attributes).not.toContain('certificate');
    expect(ASKS_CERTIFICATE.test(q)).toBe(false);
  });
});

describe('who runs it', () => {
  it('"chi la segue" asks who runs it; "chi segue il corso" speaks of who attends', () => {
    expect(askedAttributes('quanto dura la sessione e chi la segue').attributes).toContain('provider');
    expect(askedAttributes('chi segue il corso riceve un attestato').attributes).not.toContain('provider');
  });
});
