import { type IconProps, SvgIcon } from '../../ui/icons.tsx';

/** A camera on its mount. */
export function IconCamera(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M3 8l13-3 2 6-13 3z" />
      <path d="M18 9l3-1v5l-3 .5" />
      <path d="M7 13l1 4H4v3" />
    </SvgIcon>
  );
}
