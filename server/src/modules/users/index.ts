export {
  clearFailedLogins,
  findCredentialsById,
  findCredentialsByUsername,
  findUserView,
  insertUser,
  listAllUsers,
  recordFailedLogin,
  type UserRow,
  updateUserRow,
} from './user.repository.ts';
export { registerUserRoutes } from './user.routes.ts';
export { setOwnLocale } from './user.service.ts';
export { users } from './user.table.ts';
