// The aiofm design system: small components on native, accessible elements.
// Styles: tokens.css (design tokens, themes, base) and components.css (component classes).
export { AppLayout, SkipLink, MAIN_CONTENT_ID } from './Layout';
export type { AppLayoutProps } from './Layout';
export { Button, buttonClass } from './Button';
export type { ButtonProps, ButtonSize, ButtonVariant } from './Button';
export { TextField, TextArea, Select, Checkbox } from './Field';
export type {
  TextFieldProps,
  TextAreaProps,
  SelectProps,
  SelectOption,
  CheckboxProps,
} from './Field';
export { Alert } from './Alert';
export type { AlertProps, AlertTone } from './Alert';
export { Avatar, initials, isDisplayableImage } from './Avatar';
export type { AvatarProps } from './Avatar';
export { Card } from './Card';
export type { CardProps } from './Card';
export { Dialog, ConfirmDialog } from './Dialog';
export type { DialogProps, ConfirmDialogProps } from './Dialog';
export { ToastProvider, useToast } from './Toast';
export type { ToastApi, ToastProviderProps } from './Toast';
export type { ToastInput, ToastTone } from './toast-queue';
export { Spinner, LoadingState } from './Spinner';
export type { SpinnerProps, LoadingStateProps } from './Spinner';
export { ErrorState, EmptyState } from './States';
export type { ErrorStateProps, EmptyStateProps } from './States';
export { ProgressBar } from './ProgressBar';
export type { ProgressBarProps } from './ProgressBar';
export { StatusBadge } from './StatusBadge';
export type { StatusBadgeProps, StatusTone } from './StatusBadge';
export { cx } from './cx';
export * from './icons';
