import type { Action } from '@binh-an/domain';
import { AppShell, Avatar, Badge, Box, Burger, Group, Menu, NavLink, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { type ComponentType, Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { IconBuilding, IconHome, IconKey, IconList, IconLogout, IconShield, IconUsers } from '../../ui/icons.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { logout } from '../auth/api.ts';
import { resetAccountLocale, useChangeLocale, useMe } from '../auth/hooks.ts';
import { IconCalendar } from '../calendar/calendar-icon.tsx';
import { IconCamera } from '../cameras/cameras-icons.tsx';
import { IconFigures, IconRegister } from '../cases/cases-icons.tsx';
import { IconDashboard, IconMap } from '../dashboard/dashboard-icons.tsx';
import { useUnreadAlerts } from '../mediation/alerts-page.tsx';
import { IconLog, IconPatrol, IconTeam } from '../patrols/patrols-icons.tsx';
import { useGuardedSignOut } from '../patrols/sign-out-guard.tsx';
import { IconReport } from '../reports/reports-icons.tsx';
import { IconInbox } from '../tips/tips-icons.tsx';

type NavItem = {
  to:
    | '/'
    | '/dashboard'
    | '/dashboard/map'
    | '/units'
    | '/users'
    | '/audit'
    | '/calendar'
    | '/tips'
    | '/cases'
    | '/cases/summary'
    | '/rehab'
    | '/case-types'
    | '/reports'
    | '/patrols'
    | '/patrols/teams'
    | '/patrols/rounds'
    | '/patrols/figures'
    | '/residence'
    | '/mediation'
    | '/mediation-teams'
    | '/mediation-alerts'
    | '/certification'
    | '/certification-models'
    | '/certification-awards'
    | '/certification-settings'
    | '/cameras'
    | '/cameras/requests'
    | '/cameras/map'
    | '/outreach';
  labelKey: string;
  icon: ComponentType<{ size?: number }>;
  action?: Action;
  /** The part of the navigation it sits in, under that part's name (none for the first part). */
  group?: 'work' | 'patrols' | 'community' | 'admin';
};

const NAV_GROUPS = ['work', 'patrols', 'community', 'admin'] as const;

// Only modules that exist are listed, and each only for accounts allowed to use it.
const NAV_ITEMS: NavItem[] = [
  { to: '/', labelKey: 'nav.overview', icon: IconHome },
  { to: '/dashboard', labelKey: 'nav.dashboard', icon: IconDashboard, action: 'report.read' },
  { to: '/dashboard/map', labelKey: 'nav.map', icon: IconMap, action: 'report.read' },
  { to: '/reports', labelKey: 'nav.reports', icon: IconReport, action: 'report.read' },
  { to: '/tips', labelKey: 'nav.tips', icon: IconInbox, action: 'tip.read', group: 'work' },
  { to: '/cases', labelKey: 'nav.cases', icon: IconRegister, action: 'case.read', group: 'work' },
  { to: '/rehab', labelKey: 'nav.rehab', icon: IconRegister, action: 'case.read', group: 'work' },
  { to: '/cases/summary', labelKey: 'nav.caseFigures', icon: IconFigures, action: 'report.read', group: 'work' },
  { to: '/patrols', labelKey: 'nav.patrolField', icon: IconPatrol, action: 'patrol.record', group: 'patrols' },
  { to: '/patrols/teams', labelKey: 'nav.patrolTeams', icon: IconTeam, action: 'patrol.read', group: 'patrols' },
  { to: '/patrols/rounds', labelKey: 'nav.patrolRounds', icon: IconLog, action: 'patrol.read', group: 'patrols' },
  { to: '/patrols/figures', labelKey: 'nav.patrolFigures', icon: IconFigures, action: 'patrol.read', group: 'patrols' },
  { to: '/residence', labelKey: 'nav.residence', icon: IconBuilding, action: 'residence.read', group: 'community' },
  { to: '/mediation', labelKey: 'nav.mediationBook', icon: IconRegister, action: 'mediation.read', group: 'community' },
  { to: '/mediation-teams', labelKey: 'nav.mediationTeams', icon: IconTeam, action: 'mediation.read', group: 'community' },
  { to: '/mediation-alerts', labelKey: 'nav.mediationAlerts', icon: IconList, action: 'mediation.alerts', group: 'community' },
  { to: '/certification', labelKey: 'nav.certification', icon: IconFigures, action: 'certification.read', group: 'community' },
  { to: '/certification-models', labelKey: 'nav.certificationModels', icon: IconTeam, action: 'certification.read', group: 'community' },
  { to: '/certification-awards', labelKey: 'nav.certificationAwards', icon: IconList, action: 'certification.read', group: 'community' },
  {
    to: '/certification-settings',
    labelKey: 'nav.certificationSettings',
    icon: IconList,
    action: 'certification.configure',
    group: 'community',
  },
  { to: '/cameras', labelKey: 'nav.cameras', icon: IconCamera, action: 'camera.read', group: 'community' },
  { to: '/cameras/requests', labelKey: 'nav.cameraRequests', icon: IconList, action: 'camera.request', group: 'community' },
  { to: '/cameras/map', labelKey: 'nav.cameraMap', icon: IconMap, action: 'camera.read', group: 'community' },
  { to: '/outreach', labelKey: 'nav.outreach', icon: IconList, action: 'outreach.read', group: 'community' },
  { to: '/units', labelKey: 'nav.units', icon: IconBuilding, action: 'unit.read', group: 'admin' },
  { to: '/users', labelKey: 'nav.users', icon: IconUsers, action: 'user.read', group: 'admin' },
  { to: '/audit', labelKey: 'nav.audit', icon: IconList, action: 'audit.read', group: 'admin' },
  { to: '/calendar', labelKey: 'nav.calendar', icon: IconCalendar, action: 'calendar.read', group: 'admin' },
  { to: '/case-types', labelKey: 'nav.caseTypes', icon: IconRegister, action: 'case.catalogue', group: 'admin' },
];

function initialsOf(name: string): string {
  const words = name
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}]/gu, ''))
    .filter(Boolean);
  const last = words[words.length - 1] ?? '';
  const first = words.length > 1 ? (words[0] ?? '') : '';
  return `${first.charAt(0)}${last.charAt(0)}`.toUpperCase() || '?';
}

/** The signed-in frame: header, navigation by permission, and the current screen. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const changeLocale = useChangeLocale();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const items = NAV_ITEMS.filter((item) => !item.action || me.actions.includes(item.action));
  // The longest entry the path falls under is the current one (/cases/summary is not also /cases).
  const activeTo = items
    .filter((item) => (item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`)))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
  const roleLabel = t(`roles.${me.user.role}`);
  const canUseTokens = me.actions.includes('token.manage');
  const unreadAlerts = useUnreadAlerts(me.actions.includes('mediation.alerts'));

  const signOut = async () => {
    try {
      await logout();
    } catch {
      // Even if the server cannot be reached, forget everything here and show the login page.
    }
    queryClient.clear();
    resetAccountLocale();
    await navigate({ to: '/login', replace: true });
  };
  // The patrol phone's outbox and key are wiped before the session ends (asking first when rounds are unsent).
  const { requestSignOut, dialog: signOutDialog } = useGuardedSignOut(signOut, me.user.id);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
        padding={{ base: 'sm', sm: 'md', lg: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                opened={isNavOpen}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                aria-label={isNavOpen ? t('shell.closeNavigation') : t('shell.openNavigation')}
                aria-expanded={isNavOpen}
                aria-controls="app-navigation"
              />
              <UnstyledButton
                component={Link}
                to="/"
                style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'var(--mantine-color-brand-9)' }}
              >
                <IconShield size={24} />
                <Text fw={700} fz="lg" c="brand.9" className="nowrap">
                  {t('app.name')}
                </Text>
              </UnstyledButton>
              <Text
                visibleFrom="md"
                c="dimmed"
                size="sm"
                truncate
                style={{ borderLeft: '1px solid var(--mantine-color-gray-4)', paddingLeft: 12, minWidth: 0 }}
              >
                <VisuallyHidden>{t('shell.yourUnit')}: </VisuallyHidden>
                {me.unit.name}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch onChange={(locale) => void changeLocale(locale)} size="xs" />
              <Menu position="bottom-end" width={280} withinPortal shadow="md">
                <Menu.Target>
                  <UnstyledButton
                    aria-label={t('shell.accountMenu', { name: me.user.displayName })}
                    style={{ display: 'flex', alignItems: 'center', gap: 8, padding: 4, borderRadius: 8 }}
                  >
                    <Avatar color="brand" radius="xl" size={32} aria-hidden="true">
                      {initialsOf(me.user.displayName)}
                    </Avatar>
                    <Box visibleFrom="lg" style={{ textAlign: 'left', lineHeight: 1.2 }}>
                      <Text size="sm" fw={500}>
                        {me.user.displayName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {roleLabel}
                      </Text>
                    </Box>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Box px="sm" py="xs">
                    <Text fw={700}>{me.user.displayName}</Text>
                    <Text size="sm">{roleLabel}</Text>
                    <Text size="sm" c="dimmed">
                      {me.unit.name}
                    </Text>
                  </Box>
                  <Menu.Divider />
                  {canUseTokens ? (
                    <Menu.Item component={Link} to="/tokens" leftSection={<IconKey size={16} />}>
                      {t('nav.tokens')}
                    </Menu.Item>
                  ) : null}
                  <Menu.Item leftSection={<IconLogout size={16} />} onClick={requestSignOut}>
                    {t('shell.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>

        {/* The list of modules outgrows a phone's height (and a short window's): the navigation scrolls on its own. */}
        <AppShell.Navbar p="xs" id="app-navigation" aria-label={t('shell.mainNavigation')} style={{ overflowY: 'auto' }}>
          <Box hiddenFrom="md" px="sm" pb="xs" mb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="xs" c="dimmed">
              {t('shell.yourUnit')}
            </Text>
            <Text size="sm" fw={500}>
              {me.unit.name}
            </Text>
          </Box>
          {[undefined, ...NAV_GROUPS].map((group) => {
            const groupItems = items.filter((item) => item.group === group);
            if (groupItems.length === 0) return null;
            const links = groupItems.map((item) => {
              const isActive = item.to === activeTo;
              const Icon = item.icon;
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  // The router marks a link active for every path under it; the current entry is decided above instead.
                  activeOptions={{ exact: true, includeSearch: false }}
                  label={t(item.labelKey)}
                  leftSection={<Icon size={18} />}
                  rightSection={
                    item.to === '/mediation-alerts' && unreadAlerts > 0 ? (
                      <Badge
                        color="red"
                        size="sm"
                        circle={unreadAlerts < 10}
                        aria-label={t('mediationPage.alerts.unreadBadge', { count: unreadAlerts })}
                      >
                        {unreadAlerts}
                      </Badge>
                    ) : undefined
                  }
                  active={isActive}
                  aria-current={isActive ? 'page' : undefined}
                  onClick={closeNav}
                  variant="light"
                  fw={isActive ? 700 : 500}
                  style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                />
              );
            });
            if (!group) return <Fragment key="main">{links}</Fragment>;
            // A part of the navigation under its name, so that twenty entries read as four areas.
            return (
              // biome-ignore lint/a11y/useSemanticElements: a group of navigation links, not of form controls (no fieldset).
              <div key={group} role="group" aria-labelledby={`nav-group-${group}`}>
                <Text id={`nav-group-${group}`} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
                  {t(`nav.groups.${group}`)}
                </Text>
                {links}
              </div>
            );
          })}
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          <Box maw={1440} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
      {signOutDialog}
    </>
  );
}
