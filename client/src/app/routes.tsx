import { Navigate } from 'react-router';
import type { RouteObject } from 'react-router';
import { AgeConfirmationPage } from '../features/account/AgeConfirmationPage';
import { ConfirmEmailPage } from '../features/account/ConfirmEmailPage';
import { ForgotPasswordPage } from '../features/account/ForgotPasswordPage';
import { RequireAccount } from '../features/account/guards';
import { ResetPasswordPage } from '../features/account/ResetPasswordPage';
import { SessionProvider } from '../features/account/session';
import { ProviderSignInVerifyPage } from '../features/account/ProviderSignInVerifyPage';
import { SignInPage } from '../features/account/SignInPage';
import { SignUpPage } from '../features/account/SignUpPage';
import { VerifyEmailPage } from '../features/account/VerifyEmailPage';
import { CheckoutReturnPage } from '../features/credits/CheckoutReturnPage';
import { CreditsPage } from '../features/credits/CreditsPage';
import { AssetPage } from '../features/assets/AssetPage';
import { GeneratePage } from '../features/generate/GeneratePage';
import { GenerationDetailPage } from '../features/history/GenerationDetailPage';
import { HistoryPage } from '../features/history/HistoryPage';
import { AiModelPage } from '../features/library/models/AiModelPage';
import { AiModelsPage } from '../features/library/models/AiModelsPage';
import { CharacterPage } from '../features/library/characters/CharacterPage';
import { CharactersPage } from '../features/library/characters/CharactersPage';
import { LibraryLayout } from '../features/library/LibraryLayout';
import { NewAiModelPage } from '../features/library/models/NewAiModelPage';
import { NewCharacterPage } from '../features/library/characters/NewCharacterPage';
import { NewTemplatePage, TemplatePage } from '../features/library/templates/TemplateEditorPage';
import { TemplatesPage } from '../features/library/templates/TemplatesPage';
import { NewRecipePage } from '../features/library/recipes/NewRecipePage';
import { RecipePage } from '../features/library/recipes/RecipePage';
import { RecipesPage } from '../features/library/recipes/RecipesPage';
import { HomePage } from '../features/server/HomePage';
import { ProfilePage } from '../features/settings/ProfilePage';
import { SecurityPage } from '../features/settings/SecurityPage';
import { SessionsPage } from '../features/settings/SessionsPage';
import { SettingsLayout } from '../features/settings/SettingsLayout';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/**
 * The app's pages. Errors inside a page keep the shell; a broken shell gets a bare error page.
 * Pages for signed-in people sit under RequireAccount, which sends everyone else to sign in (and
 * accounts without the 18+ confirmation to /welcome/age first).
 */
export const routes: RouteObject[] = [
  {
    element: (
      <SessionProvider>
        <AppShell />
      </SessionProvider>
    ),
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'sign-in/verify', element: <ProviderSignInVerifyPage /> },
          { path: 'sign-up', element: <SignUpPage /> },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'confirm-email', element: <ConfirmEmailPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          {
            element: <RequireAccount allowUnconfirmedAge />,
            children: [{ path: 'welcome/age', element: <AgeConfirmationPage /> }],
          },
          {
            element: <RequireAccount />,
            children: [
              { path: 'generate', element: <GeneratePage /> },
              { path: 'history', element: <HistoryPage /> },
              { path: 'history/:id', element: <GenerationDetailPage /> },
              { path: 'assets/:id', element: <AssetPage /> },
              {
                path: 'library',
                element: <LibraryLayout />,
                children: [
                  { index: true, element: <Navigate to="/library/characters" replace /> },
                  { path: 'characters', element: <CharactersPage /> },
                  { path: 'characters/new', element: <NewCharacterPage /> },
                  { path: 'characters/:id', element: <CharacterPage /> },
                  { path: 'models', element: <AiModelsPage /> },
                  { path: 'models/new', element: <NewAiModelPage /> },
                  { path: 'models/:id', element: <AiModelPage /> },
                  { path: 'templates', element: <TemplatesPage /> },
                  { path: 'templates/new', element: <NewTemplatePage /> },
                  { path: 'templates/:id', element: <TemplatePage /> },
                  { path: 'recipes', element: <RecipesPage /> },
                  { path: 'recipes/new', element: <NewRecipePage /> },
                  { path: 'recipes/:id', element: <RecipePage /> },
                ],
              },
              { path: 'credits', element: <CreditsPage /> },
              // Where the payment provider sends the browser after a checkout.
              { path: 'credits/return', element: <CheckoutReturnPage /> },
              {
                path: 'settings',
                element: <SettingsLayout />,
                children: [
                  { index: true, element: <Navigate to="/settings/profile" replace /> },
                  { path: 'profile', element: <ProfilePage /> },
                  { path: 'security', element: <SecurityPage /> },
                  { path: 'sessions', element: <SessionsPage /> },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
