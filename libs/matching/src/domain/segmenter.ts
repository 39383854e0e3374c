import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Chinese word segmentation (jieba, its bundled dictionary); loaded once per process on first use. */
let jieba: Jieba | undefined;

export function segmentWords(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, true);
}
