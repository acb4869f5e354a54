import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import type { ComponentType, ReactNode } from 'react';
import { Link } from 'react-router';
import { PlusIcon, buttonClass } from '../../ui';
import { LibraryEmptyState } from './LibraryEmptyState';
import { LibraryPageHeader } from './LibraryLayout';
import { LibraryList } from './LibraryList';
import { LibrarySearch, useLibrarySearchTerm } from './LibrarySearch';
import { useLibraryList } from './use-library-list';
import type { LibraryConnection } from './use-library-list';

export interface LibraryListPageProps<
  TField extends string,
  TData extends { [K in TField]: LibraryConnection<unknown> },
  TVariables extends OperationVariables & { search?: string | null },
> {
  /** The list query: a connection under `field` with `search`, `first` and `after`. */
  document: TypedDocumentNode<TData, TVariables>;
  field: TField;
  /** The heading: "AI models"; also names the grid ("AI models, newest first"). */
  title: string;
  /** What the thing is for, under the heading. */
  lead: ReactNode;
  /** The things in running text: "AI models" ("Search AI models", "No AI models yet"). */
  noun: string;
  /** The thing's icon, on the empty state. */
  icon: ComponentType<{ size?: number }>;
  /** The create page, its button in the header ("New AI model") and on the empty state. */
  createTo: string;
  newLabel: string;
  createLabel: string;
  /** The empty state's explanation: what the thing is and what it is good for. */
  emptyMessage: ReactNode;
  /** One `LibraryCard` per item. */
  renderItem: (item: TData[TField]['edges'][number]['node']) => ReactNode;
}

/**
 * A library list page (characters, AI models, templates, recipes): the header with a create
 * button and the search box (`?q=`), then the list newest first in all its states, its empty
 * state explaining the thing or offering to clear the search.
 */
export function LibraryListPage<
  TField extends string,
  TData extends { [K in TField]: LibraryConnection<unknown> },
  TVariables extends OperationVariables & { search?: string | null },
>({
  document,
  field,
  title,
  lead,
  noun,
  icon: Icon,
  createTo,
  newLabel,
  createLabel,
  emptyMessage,
  renderItem,
}: LibraryListPageProps<TField, TData, TVariables>) {
  const search = useLibrarySearchTerm();
  const list = useLibraryList(document, {
    field,
    variables: { search: search || null } as unknown as Omit<TVariables, 'first' | 'after'>,
    failureTitle: `Could not load more ${noun}`,
  });
  return (
    <>
      <LibraryPageHeader
        title={title}
        lead={lead}
        actions={
          <Link className={buttonClass('primary')} to={createTo}>
            <PlusIcon size={18} />
            {newLabel}
          </Link>
        }
        tools={<LibrarySearch label={`Search ${noun}`} busy={list.refreshing} />}
      />
      <LibraryList
        list={list}
        label={`${title}, newest first`}
        loadingLabel={`Loading your ${noun}…`}
        errorTitle={`Can’t load your ${noun}`}
        empty={
          <LibraryEmptyState
            icon={<Icon size={24} />}
            title={`No ${noun} yet`}
            message={emptyMessage}
            createTo={createTo}
            createLabel={createLabel}
            search={search}
            noun={noun}
          />
        }
        renderItem={renderItem}
      />
    </>
  );
}
