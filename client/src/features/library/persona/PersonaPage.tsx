import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  Button,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  LoadingState,
  SparkIcon,
  TrashIcon,
  buttonClass,
} from '../../../ui';
import { errorMessage, hasErrorCode, readApiError } from '../../account/api-errors';
import { formatDateTime } from '../../server/format';
import { LibraryPageHeader } from '../LibraryLayout';

/** "← Characters": the way back to the list above a library item's page. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link className="persona-page__back" to={to}>
      <span aria-hidden="true">← </span>
      {children}
    </Link>
  );
}

/** The states of an item's page before it can be shown: loading, gone, or unreadable. */
export function PersonaPageState({
  error,
  what,
  listTo,
  listLabel,
  onRetry,
  retrying,
}: {
  error: unknown;
  /** "character". */
  what: string;
  listTo: string;
  listLabel: string;
  onRetry: () => void;
  retrying: boolean;
}) {
  if (!error) return <LoadingState label={`Loading the ${what}…`} />;
  if (hasErrorCode(error, 'NOT_FOUND')) {
    return (
      <EmptyState
        headingLevel={1}
        title={`This ${what} doesn’t exist`}
        message={`It may have been deleted, or the link is not quite right. Generations made with it keep their snapshot.`}
        action={
          <Link className={buttonClass('primary')} to={listTo}>
            {listLabel}
          </Link>
        }
      />
    );
  }
  return (
    <ErrorState
      headingLevel={1}
      title={`Can’t load this ${what}`}
      message={errorMessage(readApiError(error))}
      nextStep="Check that the aiofm server is running and reachable, then try again."
      onRetry={onRetry}
      retrying={retrying}
      actions={
        <Link className={buttonClass('secondary')} to={listTo}>
          {listLabel}
        </Link>
      }
    />
  );
}

export interface PersonaOverviewProps {
  title: string;
  lead?: ReactNode;
  back: { to: string; label: string };
  /** The Generate page with this item chosen. */
  generateTo: string;
  generateLabel: string;
  cover: { url: string; thumbnailUrl?: string | null } | null;
  placeholder: ReactNode;
  createdAt: string;
  updatedAt: string;
  /** More facts (the AI model, the characters) in the side column. */
  facts?: ReactNode;
  /** Deleting: the dialog's words and the action (which navigates away). */
  deletion: { title: string; description: string; confirmLabel: string; run: () => Promise<void> };
  /** The editor. */
  children: ReactNode;
  /** More sections after the editor (an AI model's characters). */
  below?: ReactNode;
}

function when(iso: string) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatDateTime(date);
}

/**
 * The page of one AI model or character: its name, a way to generate with it, its cover and
 * facts beside the editor, and Delete (which asks first).
 */
export function PersonaOverview({
  title,
  lead,
  back,
  generateTo,
  generateLabel,
  cover,
  placeholder,
  createdAt,
  updatedAt,
  facts,
  deletion,
  children,
  below,
}: PersonaOverviewProps) {
  const [confirming, setConfirming] = useState(false);
  const picture = cover ? cover.url : null;
  return (
    <div className="persona-page">
      <BackLink to={back.to}>{back.label}</BackLink>
      <LibraryPageHeader
        title={title}
        lead={lead}
        actions={
          <>
            <Link className={buttonClass('primary')} to={generateTo}>
              <SparkIcon size={18} />
              {generateLabel}
            </Link>
            <Button
              variant="secondary"
              icon={<TrashIcon size={18} />}
              onClick={() => setConfirming(true)}
            >
              Delete
            </Button>
          </>
        }
      />
      <div className="persona-page__layout">
        <aside className="persona-page__side" aria-label="Overview">
          <div className="persona-page__cover">
            {picture ? <img src={picture} alt={`Cover of ${title}`} /> : placeholder}
          </div>
          <dl className="persona-facts">
            {facts}
            <div>
              <dt>Created</dt>
              <dd>
                <time dateTime={createdAt}>{when(createdAt)}</time>
              </dd>
            </div>
            <div>
              <dt>Last changed</dt>
              <dd>
                <time dateTime={updatedAt}>{when(updatedAt)}</time>
              </dd>
            </div>
          </dl>
        </aside>
        <div className="persona-page__main">
          {children}
          {below}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={deletion.title}
        description={deletion.description}
        confirmLabel={deletion.confirmLabel}
        onConfirm={async () => {
          try {
            await deletion.run();
          } catch (failure) {
            throw new Error(errorMessage(readApiError(failure)), { cause: failure });
          }
        }}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
