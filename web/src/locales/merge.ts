/** A message catalogue: nested objects whose leaves are strings. */
export type Tree = { [key: string]: string | Tree };

/**
 * Deep-merges catalogue parts into one tree. A part's keys replace the same keys of the parts before it, except for
 * parts marked `keep`, which only add keys the tree does not have yet (their `nav` keys join the shell's, and so on).
 */
export function mergeCatalogue(parts: readonly { tree: object; keep?: boolean }[]): Tree {
  let out: Tree = {};
  for (const part of parts) out = mergeTrees(out, part.tree as Tree, part.keep ?? false);
  return out;
}

function mergeTrees(base: Tree, extra: Tree, keep: boolean): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    if (typeof value === 'object' && current && typeof current === 'object') out[key] = mergeTrees(current, value, keep);
    else if (!keep || current === undefined) out[key] = value;
  }
  return out;
}
