/** What in the URL could not be used, and so was ignored: said, so no filter silently fails. */
export function SearchProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="search-problems" role="alert">
      <p className="search-problems__title">Some of this search could not be used:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
