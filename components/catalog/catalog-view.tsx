import type { Book } from '@/lib/catalog/book';
import type { CatalogFacets } from '@/lib/catalog/catalog-facets';
import type { ParsedSearch } from '@/lib/catalog/search-params';
import { CatalogResults } from './catalog-results';
import { CatalogSearchForm } from './catalog-search-form';
import { SearchProblems } from './search-problems';

type Props = {
  search: ParsedSearch;
  facets: CatalogFacets;
  books: readonly Book[];
  summary: string;
  catalogSize: number;
};

/** The catalog page, whole or searched: the same heading, form and grid either way. */
export function CatalogView({ search, facets, books, summary, catalogSize }: Props) {
  // Ignored values count too: the shopper may want a clean slate from a broken link.
  const active =
    search.problems.length > 0 || Object.values(search.form).some((value) => value !== '');
  return (
    <>
      <h1>Classic books</h1>
      <p className="lede">Timeless novels and stories, printed and bound with care.</p>
      <CatalogSearchForm values={search.form} facets={facets} active={active} />
      <SearchProblems problems={search.problems} />
      <CatalogResults books={books} summary={summary} catalogSize={catalogSize} />
    </>
  );
}
