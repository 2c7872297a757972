import Link from 'next/link';
import type { CatalogFacets, FacetOption } from '@/lib/catalog/catalog-facets';
import { SORT_OPTIONS } from '@/lib/catalog/catalog-sort';
import { MAX_QUERY_LENGTH, type SearchFormValues } from '@/lib/catalog/search-params';
import { minorUnitsPerMajor } from '@/lib/money';
import { STORE_CURRENCY } from '@/lib/store-settings';

type Props = {
  values: SearchFormValues;
  facets: CatalogFacets;
  /** Whether anything narrows or orders the list, so there is something to clear. */
  active: boolean;
};

function FacetSelect({
  id,
  name,
  label,
  anyLabel,
  options,
  value,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  options: readonly FacetOption[];
  value: string;
}) {
  return (
    <div className="catalog-search__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A plain GET form to `/`: it works before (or without) JavaScript, and every
 * search is a URL to share, reload or go back to.
 */
export function CatalogSearchForm({ values, facets, active }: Props) {
  const currency = STORE_CURRENCY.toUpperCase();
  const step = 1 / minorUnitsPerMajor(STORE_CURRENCY);
  return (
    // autoComplete off: the browser must not refill the fields from history on Back, or
    // they would show the search left behind rather than the one in the URL.
    <form
      className="catalog-search"
      role="search"
      aria-label="Catalog"
      action="/"
      method="get"
      autoComplete="off"
    >
      <div className="catalog-search__query">
        <label htmlFor="catalog-q">Search by title, author or description</label>
        <div className="catalog-search__row">
          <input
            id="catalog-q"
            type="search"
            name="q"
            defaultValue={values.q}
            maxLength={MAX_QUERY_LENGTH}
            spellCheck={false}
          />
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </div>
      <fieldset className="catalog-search__filters">
        <legend>Filter and sort</legend>
        <FacetSelect
          id="catalog-author"
          name="author"
          label="Author"
          anyLabel="Any author"
          options={facets.authors}
          value={values.author}
        />
        <FacetSelect
          id="catalog-genre"
          name="genre"
          label="Genre"
          anyLabel="Any genre"
          options={facets.genres}
          value={values.genre}
        />
        <div className="catalog-search__field">
          <label htmlFor="catalog-min">Min price ({currency})</label>
          <input
            id="catalog-min"
            type="number"
            name="min"
            min={0}
            step={step}
            inputMode="decimal"
            defaultValue={values.min}
          />
        </div>
        <div className="catalog-search__field">
          <label htmlFor="catalog-max">Max price ({currency})</label>
          <input
            id="catalog-max"
            type="number"
            name="max"
            min={0}
            step={step}
            inputMode="decimal"
            defaultValue={values.max}
          />
        </div>
        <div className="catalog-search__field">
          <label htmlFor="catalog-sort">Sort by</label>
          <select id="catalog-sort" name="sort" defaultValue={values.sort}>
            {/* The default: relevance when there is text to rank by, else the catalog's order. */}
            <option value="">{values.q ? 'Relevance' : 'Featured'}</option>
            {SORT_OPTIONS.filter((option) => option.key !== 'relevance').map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="catalog-search__actions">
          <button type="submit" className="button button--secondary">
            Apply filters
          </button>
          {active ? <Link href="/">Clear search and filters</Link> : null}
        </div>
      </fieldset>
    </form>
  );
}
