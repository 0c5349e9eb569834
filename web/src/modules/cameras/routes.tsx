import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { signedInRoute } from '../../routes/signed-in.tsx';
import { RequirePermission } from '../auth/require-permission.tsx';

const CamerasPage = lazyRouteComponent(() => import('./cameras-page.tsx'), 'CamerasPage');
const CameraRequestsPage = lazyRouteComponent(() => import('./requests-page.tsx'), 'CameraRequestsPage');
const CameraMapPage = lazyRouteComponent(() => import('./map-page.tsx'), 'CameraMapPage');

/** "Camera cộng đồng": the registry, the footage requests and the map; each screen loads with its route. */
export const camerasRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cameras',
  component: () => (
    <RequirePermission action="camera.read" titleKey="nav.cameras">
      <CamerasPage />
    </RequirePermission>
  ),
});

export const cameraRequestsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cameras/requests',
  component: () => (
    <RequirePermission action="camera.request" titleKey="nav.cameraRequests">
      <CameraRequestsPage />
    </RequirePermission>
  ),
});

export const cameraMapRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cameras/map',
  component: () => (
    <RequirePermission action="camera.read" titleKey="nav.cameraMap">
      <CameraMapPage />
    </RequirePermission>
  ),
});

export const cameraRoutes = [camerasRoute, cameraRequestsRoute, cameraMapRoute] as const;
