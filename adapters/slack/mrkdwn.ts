/** Slack's three control characters: anything else in mrkdwn text is shown as written. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What a Slack user typed, as plain text for the engine or another channel: links, mentions and
 * dates written the way a person would read them, Slack's entities decoded.
 */
export function slackToPlain(text: string, dropUser?: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_, inner: string) => {
    const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) return target.slice(1) === dropUser ? '' : label ? `@${label}` : '';
    if (target.startsWith('#')) return label ? `#${label}` : '';
    if (target.startsWith('!')) return target.startsWith('!subteam') || target.startsWith('!date') ? (label ?? '') : '';
    const url = target.replace(/^mailto:/, '');
    return label && label !== url && label !== target ? `${label} (${url})` : url;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/[ \t]{2,}/g, ' ').trim();
}
