import type { Answer, Turn } from './flows/turn.js';

/** Intents whose answer is information from the catalogue: the ones a language model may word. */
const INFORMATIONAL = new Set(['find_course', 'site_info', 'school_info', 'services', 'initiatives', 'learning_path', 'unknown']);

export async function withLlm(turn: Turn, intent: string, template: () => Promise<Answer>): Promise<Answer> {
  const answer = await template();
  if (!turn.deps.llm || !INFORMATIONAL.has(intent)) return answer;
  return answer;
}
