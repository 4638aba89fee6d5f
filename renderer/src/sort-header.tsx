// A sortable column header: a button that sorts by the column (again to reverse), with aria-sort on the header so
// the order is announced. Shared by the tables that sort.
export type SortDirection = 'ascending' | 'descending';

export function nextSort<K>(current: { key: K; direction: SortDirection }, key: K): { key: K; direction: SortDirection } {
  return { key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' };
}

export function SortHeader<K>(props: { column: K; label: string; sort: { key: K; direction: SortDirection }; onSort: (key: K) => void }) {
  const { column, label, sort, onSort } = props;
  const sorted = sort.key === column;
  return (
    <th scope="col" aria-sort={sorted ? sort.direction : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true" className="sort-button__arrow">
          {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
