/**
 * Messages of grassroots mediation, under the key `mediation` of the shared catalogues (`vi.mediation = mediationVi`).
 */
export const mediationVi = {
  grounds: {
    party_request: 'Một bên hoặc các bên yêu cầu hòa giải',
    mediator_observed: 'Hòa giải viên chứng kiến hoặc biết vụ, việc',
    leader_assigned: 'Tổ trưởng tổ hòa giải phân công',
    organisation_proposal: 'Cơ quan, tổ chức, cá nhân đề nghị',
  },
  types: {
    land_boundary: 'Tranh chấp đất đai, ranh giới',
    neighbours: 'Mâu thuẫn hàng xóm, lối đi',
    noise_hygiene: 'Tiếng ồn, vệ sinh môi trường',
    debt: 'Vay mượn, nợ tiền',
    family: 'Hôn nhân và gia đình',
    inheritance: 'Thừa kế',
    property: 'Tài sản, hợp đồng dân sự',
    minor_violation: 'Vi phạm pháp luật nhỏ',
    other: 'Khác',
  },
  statuses: {
    in_progress: 'Đang hòa giải',
    settled: 'Hòa giải thành',
    not_settled: 'Hòa giải không thành',
    stopped: 'Dừng theo yêu cầu của các bên',
    refused: 'Không thuộc phạm vi hòa giải',
    referred: 'Đã chuyển cơ quan có thẩm quyền',
  },
  bookResults: { settled: 'Thành', not_settled: 'Không thành' },
  risks: {
    none: 'Không',
    violence: 'Có nguy cơ bạo lực',
    escalation: 'Có nguy cơ phức tạp, kéo dài',
  },
  exclusions: {
    public_interest: 'Xâm phạm lợi ích của Nhà nước, lợi ích công cộng',
    family_forbidden: 'Vi phạm về hôn nhân và gia đình, giao dịch dân sự mà pháp luật không cho hòa giải',
    criminal: 'Vi phạm phải truy cứu trách nhiệm hình sự',
    administrative: 'Vi phạm phải xử lý vi phạm hành chính',
    other_law: 'Tranh chấp khác mà pháp luật không cho hòa giải ở cơ sở',
  },
  composition: {
    tooFewMediators: 'Tổ có dưới 3 hòa giải viên',
    noWoman: 'Tổ chưa có hòa giải viên nữ',
    noLeader: 'Tổ chưa có tổ trưởng',
    noEthnicMinority: 'Tổ chưa có hòa giải viên là người dân tộc thiểu số',
  },
  followUpStates: {
    performed: 'Đã thực hiện xong',
    partly: 'Thực hiện một phần',
    not_performed: 'Chưa thực hiện',
  },
  genders: { female: 'Nữ', male: 'Nam' },
  memberRoles: { leader: 'Tổ trưởng', member: 'Hòa giải viên' },
  notificationKinds: {
    risk: 'Vụ việc có nguy cơ bạo lực, phức tạp',
    returning: 'Mâu thuẫn tái diễn',
    referred: 'Chuyển Công an phường',
  },
  errors: {
    memberNotServing: 'Hòa giải viên đã chọn không thuộc tổ hoặc đã thôi làm hòa giải viên.',
    outOfScopeNoReason: 'Vụ việc không thuộc phạm vi hòa giải phải có lý do.',
    writtenRecordOnlySettled: 'Chỉ lập văn bản hòa giải thành khi hòa giải thành và các bên yêu cầu.',
    tipNotDispute: 'Chỉ chuyển sang hòa giải tin báo đã được phân loại là tranh chấp cần hòa giải.',
    dateBeforeReceived: 'Ngày này không được trước ngày nhận vụ, việc.',
    future: 'Ngày này chưa đến.',
    leaderVoteRequired: 'Nhập kết quả bầu tổ trưởng: số hòa giải viên tán thành và tổng số hòa giải viên của tổ.',
    leaderNoMajority:
      'Tổ trưởng phải được trên một nửa tổng số hòa giải viên của tổ tán thành (Điều 14 Luật Hòa giải ở cơ sở 2013). Chưa thể công nhận tổ trưởng với kết quả bầu này.',
    leaderVoteTotal: 'Tổng số phải bằng số hòa giải viên đang làm nhiệm vụ của tổ, kể cả người được bầu.',
    leaderVoteOverTotal: 'Số người tán thành không được lớn hơn tổng số hòa giải viên.',
  },
} as const;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const mediationEn: Shape<typeof mediationVi> = {
  grounds: {
    party_request: 'One or both parties asked for mediation',
    mediator_observed: 'A mediator witnessed or learnt of the matter',
    leader_assigned: 'Assigned by the team leader',
    organisation_proposal: 'Proposed by an agency, organisation or person',
  },
  types: {
    land_boundary: 'Land, boundaries',
    neighbours: 'Neighbours, right of way',
    noise_hygiene: 'Noise, hygiene',
    debt: 'Loans, debts',
    family: 'Marriage and family',
    inheritance: 'Inheritance',
    property: 'Property, civil contracts',
    minor_violation: 'Minor violations of the law',
    other: 'Other',
  },
  statuses: {
    in_progress: 'Being mediated',
    settled: 'Settled',
    not_settled: 'Not settled',
    stopped: 'Stopped at the parties’ request',
    refused: 'Outside the scope of mediation',
    referred: 'Referred to the competent authority',
  },
  bookResults: { settled: 'Settled', not_settled: 'Not settled' },
  risks: {
    none: 'None',
    violence: 'Risk of violence',
    escalation: 'Risk of escalation',
  },
  exclusions: {
    public_interest: 'Harms the interest of the State or the public',
    family_forbidden: 'A marriage, family or civil-transaction matter the law does not allow to be mediated',
    criminal: 'A violation that must be prosecuted',
    administrative: 'A violation that must be fined administratively',
    other_law: 'Another dispute the law excludes from grassroots mediation',
  },
  composition: {
    tooFewMediators: 'The team has fewer than 3 mediators',
    noWoman: 'The team has no woman mediator',
    noLeader: 'The team has no team leader',
    noEthnicMinority: 'The team has no ethnic-minority mediator',
  },
  followUpStates: {
    performed: 'Carried out',
    partly: 'Partly carried out',
    not_performed: 'Not carried out',
  },
  genders: { female: 'Female', male: 'Male' },
  memberRoles: { leader: 'Team leader', member: 'Mediator' },
  notificationKinds: {
    risk: 'At risk of violence or escalation',
    returning: 'A returning dispute',
    referred: 'Handed to the ward police',
  },
  errors: {
    memberNotServing: 'The mediator chosen is not in the team or has left.',
    outOfScopeNoReason: 'A matter outside the scope of mediation needs a reason.',
    writtenRecordOnlySettled: 'A written settlement record is made only for a settled case whose parties ask for one.',
    tipNotDispute: 'Only a tip classified as a dispute for mediation can be sent to mediation.',
    dateBeforeReceived: 'This day cannot be before the day the case was received.',
    future: 'This day has not come yet.',
    leaderVoteRequired: 'Enter the result of the team-leader election: mediators in favour and the team’s mediators.',
    leaderNoMajority:
      'A team leader needs the agreement of more than half of the team’s mediators (Art. 14, Law on Grassroots Mediation 2013). This vote cannot make a leader.',
    leaderVoteTotal: 'The total must be the number of mediators serving in the team, the person elected included.',
    leaderVoteOverTotal: 'Those in favour cannot outnumber the team’s mediators.',
  },
};
