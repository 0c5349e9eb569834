/**
 * Messages of the dashboard, the map and the roll-up that the server writes, under the key `dashboard` of the shared
 * catalogues (`vi.dashboard = dashboardVi`). The screens' own words are in the web app (locales/dashboard.*.ts).
 */
export const dashboardVi = {
  rollupNeedsArea: 'Bảng tổng hợp các phường chỉ lập cho tỉnh hoặc thành phố. Hãy chọn một tỉnh hoặc thành phố.',
};

export type DashboardMessages = { [K in keyof typeof dashboardVi]: string };

export const dashboardEn: DashboardMessages = {
  rollupNeedsArea: 'The roll-up of wards is made for a province or city. Choose a province or city.',
};
