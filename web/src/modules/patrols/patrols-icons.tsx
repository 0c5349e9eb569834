import { type IconProps, SvgIcon } from '../../ui/icons.tsx';

/** A walking route between two points. */
export function IconPatrol(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="6" cy="6" r="2" />
      <circle cx="18" cy="18" r="2" />
      <path d="M8 6h7a3 3 0 010 6H9a3 3 0 000 6h7" />
    </SvgIcon>
  );
}

/** A group of people. */
export function IconTeam(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="9" cy="8" r="3" />
      <path d="M3 20a6 6 0 0112 0M16 5a3 3 0 010 6M18 20a6 6 0 00-3-5.2" />
    </SvgIcon>
  );
}

/** A log book. */
export function IconLog(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M6 3h12a1 1 0 011 1v16a1 1 0 01-1 1H6a2 2 0 01-2-2V5a2 2 0 012-2z" />
      <path d="M8 8h8M8 12h8M8 16h5" />
    </SvgIcon>
  );
}

/** A QR code's corner squares. */
export function IconQr(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2" />
    </SvgIcon>
  );
}

/** Up, to move an item earlier in a list. */
export function IconArrowUp(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 19V5M6 11l6-6 6 6" />
    </SvgIcon>
  );
}

/** Down, to move an item later in a list. */
export function IconArrowDown(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 5v14M6 13l6 6 6-6" />
    </SvgIcon>
  );
}

/** A cross, to take an item off a list. */
export function IconRemove(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M6 6l12 12M18 6L6 18" />
    </SvgIcon>
  );
}
