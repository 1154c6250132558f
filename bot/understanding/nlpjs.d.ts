// nlp.js ships CommonJS without types; only what the classifier uses is declared.
declare module '@nlpjs/neural' {
  export interface TrainingItem {
    input: Record<string, number>;
    output: Record<string, number>;
  }
  export class NeuralNetwork {
    constructor(settings?: { iterations?: number; errorThresh?: number; deltaErrorThresh?: number; learningRate?: number; momentum?: number; alpha?: number; log?: boolean });
    train(corpus: TrainingItem[]): { error: number; iterations: number };
    run(input: Record<string, number>): Record<string, number> | undefined;
  }
}

declare module '@nlpjs/lang-it' {
  export class StemmerIt {
    stemWord(word: string): string;
  }
  export class StopwordsIt {
    dictionary: Record<string, number>;
  }
}

declare module '@nlpjs/lang-en-min' {
  export class StemmerEn {
    stemWord(word: string): string;
  }
  export class StopwordsEn {
    dictionary: Record<string, number>;
  }
}
