import type { GenerationDetailFragment } from '../../gql/graphql';
import { DownloadIcon, buttonClass, cx } from '../../ui';
import { outputFilename } from './generation-format';

type Output = GenerationDetailFragment['outputs'][number];

function OutputMedia({ output, label }: { output: Output; label: string }) {
  // Clips of the built-in generator are animated WebP images: they play as pictures.
  if (output.contentType.startsWith('video/')) {
    return (
      <video
        className="result__media"
        src={output.url}
        aria-label={label}
        controls
        loop
        muted
        playsInline
      />
    );
  }
  return (
    <img
      className="result__media"
      src={output.url}
      alt={label}
      width={output.width || undefined}
      height={output.height || undefined}
    />
  );
}

/** The outputs of a generation, each with its download link. */
export function GenerationResults({
  generationId,
  outputs,
  large = false,
}: {
  generationId: string;
  outputs: readonly Output[];
  large?: boolean;
}) {
  if (outputs.length === 0) return null;
  return (
    <ul
      className={cx(
        'results',
        large && 'results--large',
        outputs.length === 1 && 'results--single',
      )}
      aria-label="Results"
    >
      {outputs.map((output, index) => {
        const label = `Result ${index + 1} of ${outputs.length}`;
        return (
          <li key={output.id} className="result" data-testid="generation-output">
            <OutputMedia output={output} label={label} />
            <a
              className={buttonClass('secondary', 'sm', 'result__download')}
              href={output.url}
              download={outputFilename(generationId, index, output.contentType)}
            >
              <DownloadIcon size={16} />
              Download<span className="visually-hidden"> result {index + 1}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
