import type { GenerationKind, GenerationStatus } from '../../gql/graphql';
import { Select } from '../../ui';
import { STATUS, STATUSES } from '../generate/generation-format';

export interface HistoryFilter {
  status: GenerationStatus | null;
  kind: GenerationKind | null;
}

/** The filter in the address (`?status=FAILED&kind=VIDEO`); unknown values count as none. */
export function readFilter(params: URLSearchParams): HistoryFilter {
  const status = params.get('status');
  const kind = params.get('kind');
  return {
    status: STATUSES.includes(status as GenerationStatus) ? (status as GenerationStatus) : null,
    kind: kind === 'IMAGE' || kind === 'VIDEO' ? kind : null,
  };
}

/** Status and kind, kept in the address so a filtered list can be linked and reloaded. */
export function HistoryFilters({
  filter,
  onChange,
}: {
  filter: HistoryFilter;
  onChange: (filter: HistoryFilter) => void;
}) {
  return (
    <div className="history-filters" role="group" aria-label="Filters">
      <Select
        inline
        size="sm"
        label="Status"
        value={filter.status ?? ''}
        options={[
          { value: '', label: 'Any status' },
          ...STATUSES.map((status) => ({ value: status, label: STATUS[status].label })),
        ]}
        onValueChange={(value) =>
          onChange({ ...filter, status: value ? (value as GenerationStatus) : null })
        }
      />
      <Select
        inline
        size="sm"
        label="Kind"
        value={filter.kind ?? ''}
        options={[
          { value: '', label: 'Images and videos' },
          { value: 'IMAGE', label: 'Images' },
          { value: 'VIDEO', label: 'Videos' },
        ]}
        onValueChange={(value) =>
          onChange({ ...filter, kind: value ? (value as GenerationKind) : null })
        }
      />
    </div>
  );
}
