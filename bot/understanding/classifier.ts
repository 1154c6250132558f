import { NeuralNetwork } from '@nlpjs/neural';
import type { Corpus, TrainedIntent } from './intent.js';
import { features, type FeatureVocabulary } from './features.js';

/*
 * nlp.js's own intent network (the one @nlpjs/nlu's NluNeural wraps: one perceptron per intent
 * over bag-of-feature inputs), used directly: NluNeural's process pipeline is asynchronous and
 * the engine's understand() is not, while the network's run() is. Training is in memory; nothing
 * is loaded from or saved to disk. One network serves both languages (see features.ts).
 */
export interface Classification {
  intent: TrainedIntent;
  /** Share of the best intent in the network's total output, 0..1. */
  confidence: number;
  /** How many of the sentence's features the network has seen in training. */
  known: number;
  /** Everything, best first: the caller may weigh a runner-up against its rules. */
  ranking: { intent: TrainedIntent; score: number }[];
}

export interface Classifier {
  classify(text: string): Classification | undefined;
}

export function trainClassifier(corpora: Corpus[], vocabulary: FeatureVocabulary): Classifier {
  // nlp.js's default error target (5e-5) costs twice the time for no difference on the table.
  const net = new NeuralNetwork({ log: false, errorThresh: 0.0005 });
  const seen = new Set<string>();
  const data = corpora.flatMap((corpus) =>
    Object.entries(corpus).flatMap(([intent, utterances]) =>
      utterances.map((u) => {
        const input = features(u, vocabulary);
        for (const f of Object.keys(input)) seen.add(f);
        return { input, output: { [intent]: 1 } };
      }),
    ),
  );
  net.train(data);
  return {
    classify(text) {
      const input = features(text, vocabulary);
      const known = Object.keys(input).filter((f) => seen.has(f)).length;
      if (known === 0) return undefined;
      const ranking = Object.entries(net.run(input) ?? {})
        .map(([intent, score]) => ({ intent: intent as TrainedIntent, score }))
        .sort((a, b) => b.score - a.score);
      const total = ranking.reduce((sum, r) => sum + r.score, 0);
      const best = ranking[0];
      if (!best || total <= 0) return undefined;
      return { intent: best.intent, confidence: best.score / total, known, ranking };
    },
  };
}
