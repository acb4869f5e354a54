/** An AI model's tags as small chips; past `max`, the rest are counted ("+2"). */
export function TagList({ tags, max }: { tags: readonly string[]; max?: number }) {
  const shown = max === undefined ? tags : tags.slice(0, max);
  const rest = tags.length - shown.length;
  return (
    <ul className="library-chips" aria-label="Tags">
      {shown.map((tag) => (
        <li key={tag} className="library-chip">
          {tag}
        </li>
      ))}
      {rest > 0 && (
        <li className="library-chip" aria-label={`and ${rest} more`}>
          +{rest}
        </li>
      )}
    </ul>
  );
}
