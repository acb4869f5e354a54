import { LibraryPageHeader } from '../LibraryLayout';
import { BackLink } from '../persona/PersonaPage';
import { AiModelForm } from './AiModelForm';
import { AI_MODELS_LEAD } from './AiModelsPage';

/** /library/models/new: creates an AI model. */
export function NewAiModelPage() {
  return (
    <div className="persona-page">
      <BackLink to="/library/models">AI models</BackLink>
      <LibraryPageHeader title="New AI model" lead={AI_MODELS_LEAD} />
      <div className="persona-page__single">
        <AiModelForm />
      </div>
    </div>
  );
}
