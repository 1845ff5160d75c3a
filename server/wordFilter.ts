/**
 * The word filter a workshop's facilitator may turn on for students' chat: `obscenity`'s
 * English dataset with its recommended transformers (look-alike letters, repeated letters,
 * spacing tricks), built once. A line it matches is refused, never masked: the student is told
 * and nobody else sees it (a masked line still tells the table what was meant).
 */
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";

let matcher: RegExpMatcher | null = null;

/** Whether the filter matches anything in this text. */
export function isFiltered(text: string): boolean {
  matcher ??= new RegExpMatcher({
    ...englishDataset.build(),
    ...englishRecommendedTransformers,
  });
  return matcher.hasMatch(text);
}
