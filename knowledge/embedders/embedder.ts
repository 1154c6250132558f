/** Turns texts into vectors for similarity search. The id names the model, so a change is noticed. */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}
