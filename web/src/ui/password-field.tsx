import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconEye, IconEyeOff } from './icons.tsx';

/** A password input whose show/hide toggle is a real, named, keyboard-reachable button. */
export function PasswordField({ visible, onVisibilityChange, ...props }: PasswordInputProps) {
  const { t } = useTranslation();
  const [ownVisible, setOwnVisible] = useState(false);
  const isVisible = visible ?? ownVisible;
  const setVisible = onVisibilityChange ?? setOwnVisible;
  return (
    <PasswordInput
      {...props}
      visible={isVisible}
      onVisibilityChange={setVisible}
      visibilityToggleFocusable
      visibilityToggleIcon={({ reveal }) => (reveal ? <IconEyeOff size={18} /> : <IconEye size={18} />)}
      visibilityToggleButtonProps={{
        'aria-label': isVisible ? t('common.hidePassword') : t('common.showPassword'),
        'aria-pressed': isVisible,
      }}
    />
  );
}
