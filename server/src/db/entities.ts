import { AccountToken } from '../modules/accounts/account-token.entity';
import { LinkedAccount } from '../modules/accounts/linked-account.entity';
import { RecoveryCode } from '../modules/accounts/recovery-code.entity';
import { SessionRecord } from '../modules/accounts/session.entity';
import { User } from '../modules/accounts/user.entity';
import { BillingCheckout } from '../modules/billing/billing-checkout.entity';
import { BillingCustomer } from '../modules/billing/billing-customer.entity';
import { BillingPayment } from '../modules/billing/billing-payment.entity';
import { BillingSubscription } from '../modules/billing/billing-subscription.entity';
import { StripeEvent } from '../modules/billing/stripe-event.entity';
import { CreditDebt } from '../modules/credits/credit-debt.entity';
import { GenerationEvent } from '../modules/generations/generation-event.entity';
import { GenerationOutput } from '../modules/generations/generation-output.entity';
import { Generation } from '../modules/generations/generation.entity';
import { CreditHold } from '../modules/credits/credit-hold.entity';
import { LedgerAccount } from '../modules/credits/ledger-account.entity';
import { LedgerTransfer } from '../modules/credits/ledger-transfer.entity';
import { AiModel } from '../modules/library/ai-model.entity';
import { Character } from '../modules/library/character.entity';
import { GenerationSource } from '../modules/library/generation-source.entity';
import { AiModelReference, CharacterReference } from '../modules/library/library-reference.entity';
import { PromptTemplate } from '../modules/library/prompt-template.entity';
import { Recipe, RecipeVersion } from '../modules/library/recipe.entity';
import { RateLimitBucket } from '../modules/security/rate-limit.entity';
import { Asset } from '../modules/storage/asset.entity';
import { Upload } from '../modules/storage/upload.entity';
import { Notice } from '../modules/system/notice.entity';

/** Every TypeORM entity; listed explicitly so the same list works from sources and the build. */
export const ENTITIES = [
  Notice,
  User,
  SessionRecord,
  AccountToken,
  RecoveryCode,
  LinkedAccount,
  RateLimitBucket,
  LedgerAccount,
  LedgerTransfer,
  CreditHold,
  CreditDebt,
  BillingCustomer,
  BillingCheckout,
  BillingSubscription,
  BillingPayment,
  StripeEvent,
  Generation,
  GenerationEvent,
  GenerationOutput,
  Asset,
  Upload,
  AiModel,
  Character,
  AiModelReference,
  CharacterReference,
  PromptTemplate,
  Recipe,
  RecipeVersion,
  GenerationSource,
];
