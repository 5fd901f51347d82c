/**
 * Smile's documented callback payloads, from its docs' examples (not from our code):
 * - accounts and onAccountError: SmileAPI/smile-openapi docs/english/api-reference/Chapter-3.md
 *   ("onAccountCreated" … "onAccountError" property tables), error codes from
 *   docs/english/Chapter-4.md (the onAccountError comment);
 * - uploads: Chapter-3.md ("onUploadsCreated": `{ uploads, userId }`, uploads typed "object"),
 *   each upload as the REST Upload object's example (openapi-v1.yaml, components.schemas.Upload);
 * - onUIEvent: Chapter-3.md ("onUIEvent" table and the list of event names);
 * - onClose: api-reference/Chapter-4.md and SmileAPI/quickstart frontend/index.html
 *   (`onClose: ({ reason })`), api-reference/Chapter-3.md (`onClose: ( reason )`).
 */
export const ACCOUNT = {
  accountId: 'a-5f1c2e8678e3494eba303ad1afa54ee8',
  userId: 'tenant-5c1a2e8678e3494eba303ad1afa54ee8',
  providerId: 'upwork',
};

export const ACCOUNT_ERROR = { ...ACCOUNT, errorCode: 'INVALID_CREDENTIALS' };

export const UPLOAD = {
  id: 'u-17bbf36498de4d68a0d4f86c7b62f69f',
  createdAt: '2021-04-14T09:30:24Z',
  providerId: 'user-provided',
  userId: 'tenant-5c1a2e8678e3494eba303ad1afa54ee8',
  type: 'PAYSLIP',
  state: { status: 'STARTED', errorCode: null, errorMessage: null, updatedAt: '2021-04-14T09:30:24Z' },
  rawFiles: [
    {
      id: 'f-17bbf36498de4d68a0d4f86c7b62f69f',
      createdAt: '2021-04-14T09:30:24Z',
      name: 'Screen Shot 2021-04-14 at 5.30.24 PM',
      subType: 'PERSONAL_INFORMATION',
      size: 3048,
      format: 'PNG',
      url: 'https://file.smileapi.io/tenants/smileapi/users/smileapi-17bbf36498de4d68a0d4f86c7b62f69f/files/file-17bbf36498de4d68a0d4f86c7b62f69f.jpeg',
    },
  ],
};

export const UPLOADS = { uploads: [UPLOAD], userId: ACCOUNT.userId };

export const UI_EVENT = {
  eventName: 'LoginPageOpened',
  eventTime: '2024-03-01T10:00:00Z',
  mode: 'SANDBOX',
  userId: ACCOUNT.userId,
  account: { providerId: 'upwork' },
  archive: {},
};

/** The 12 documented screen names (Chapter-3.md, "For the list of event names"). */
export const UI_EVENT_NAMES = [
  'ConsentPageOpened',
  'ProviderListPageOpened',
  'LoginPageOpened',
  'MfaPageOpened',
  'ConnectSuccessPageOpened',
  'AccountRevokePageOpened',
  'LoginOptionsPageOpened',
  'EmployerSurveyPageOpened',
  'FileTypeListPageOpened',
  'FileTypePageOpened',
  'ArchiveSuccessPageOpened',
  'RevokeArchivePageOpened',
];

/** Smile's callbacks with a documented payload, the wink-link event each becomes, and that payload (unchanged). */
export const SMILE_CALLS = [
  ['onAccountCreated', 'accountCreated', ACCOUNT],
  ['onAccountConnected', 'accountConnected', ACCOUNT],
  ['onAccountRemoved', 'accountRemoved', ACCOUNT],
  ['onAccountError', 'accountError', ACCOUNT_ERROR],
  ['onUploadsCreated', 'uploadsCreated', UPLOADS],
  ['onUploadsRemoved', 'uploadsRemoved', UPLOADS],
] as const;
