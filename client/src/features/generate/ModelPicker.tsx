import { Select } from '../../ui';
import { priceText } from './form-state';
import type { Model, Provider } from './form-state';

/**
 * The provider and model selects with the model's description and price, as the generate form
 * and the recipe form show them. Providers without a key are listed, disabled, and named.
 */
export function ModelPicker({
  providers,
  provider,
  model,
  onChoose,
  errors,
}: {
  providers: Provider[];
  provider: Provider;
  model: Model;
  onChoose(providerId: string, modelId?: string): void;
  errors: { provider?: string; model?: string };
}) {
  const disabled = providers.filter((candidate) => !candidate.enabled);
  return (
    <>
      <div className="generate-form__row">
        <Select
          label="Provider"
          value={provider.id}
          options={providers.map((candidate) => ({
            value: candidate.id,
            label: candidate.enabled ? candidate.name : `${candidate.name} (not set up)`,
            disabled: !candidate.enabled,
          }))}
          hint={
            disabled.length > 0
              ? `${disabled.map((candidate) => candidate.name).join(', ')}: not set up on this server. The operators can add ${disabled.length === 1 ? 'its key' : 'their keys'}.`
              : undefined
          }
          onValueChange={(providerId) => onChoose(providerId)}
          error={errors.provider}
        />
        <Select
          label="Model"
          value={model.id}
          options={provider.models.map((candidate) => ({
            value: candidate.id,
            label: `${candidate.name} (${candidate.kind === 'VIDEO' ? 'video' : 'image'})`,
          }))}
          onValueChange={(modelId) => onChoose(provider.id, modelId)}
          error={errors.model}
        />
      </div>
      <p className="generate-form__model" data-testid="model-description">
        {model.description} <span className="generate-form__price">{priceText(model)}.</span>
      </p>
    </>
  );
}
