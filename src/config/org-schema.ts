import { z } from 'zod';
import { limitKinds } from '../domain/catalogue';

const id = z
  .string({ message: 'must be text' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, dot, dash or underscore');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-10-01');
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 08:30');

/** Text in both interface languages; zh is the one users see first. */
const text = z.object({ zh: z.string().min(1, 'must not be empty'), en: z.string().min(1) });

/** Where a channel post goes on each platform; a platform left out is not posted to. */
const channel = z
  .object({ slack: z.string().optional(), lark: z.string().optional() })
  .refine((c) => c.slack || c.lark, 'needs a slack or a lark channel id');

const limitKind = z.enum(limitKinds, {
  message: 'must be simple, complex or major',
});

const role = z.discriminatedUnion(
  'role',
  [
    z.object({ role: z.literal('handler'), departments: z.array(z.string()).optional() }),
    z.object({ role: z.literal('department_head'), departments: z.array(z.string()).optional() }),
    z.object({ role: z.literal('leader'), departments: z.array(z.string()).min(1) }),
    z.object({ role: z.literal('liaison'), team: z.string().min(1) }),
    z.object({ role: z.literal('review_board') }),
    z.object({ role: z.literal('custodian') }),
    z.object({ role: z.literal('party_reader') }),
    z.object({ role: z.literal('admin') }),
  ],
  {
    message:
      'role must be one of handler, department_head, leader, liaison, review_board, custodian, party_reader, admin',
  },
);

const person = z.object({
  id,
  name: z.string().min(1, 'must not be empty'),
  department: z.string(),
  email: z.email({ message: 'must be an e-mail address' }).optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  slack: z
    .string()
    .regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user id such as U0123ABCD')
    .optional(),
  lark: z
    .object({
      openId: z.string().startsWith('ou_', 'must start with ou_'),
      unionId: z.string().startsWith('on_', 'must start with on_').optional(),
    })
    .optional(),
  roles: z.array(role).default([]),
});

const subcategory = z.object({
  id,
  name: text,
  lead: z.string().optional(),
  co: z.array(z.string()).optional(),
  limit: limitKind.optional(),
});

const category = subcategory.extend({ children: z.array(subcategory).min(1) });

export const orgSchema = z.object({
  organisation: z.object({
    name: z.string().min(1),
    timezone: z.string().default('Asia/Shanghai'),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    caseNumberPrefix: z
      .string()
      .regex(/^[A-Z]{1,8}$/, 'must be 1 to 8 capital letters')
      .default('XF'),
    calendar: z
      .object({
        region: z.enum(['CN', 'other'], { message: 'must be CN or other' }).default('CN'),
        holidays: z.array(localDate).default([]),
        workdays: z.array(localDate).default([]),
        officialYears: z
          .record(
            z.string().regex(/^\d{4}$/, 'must be a year such as 2027'),
            z.object({
              holidays: z.array(localDate).default([]),
              workdays: z.array(localDate).default([]),
            }),
          )
          .default({}),
      })
      .default({ region: 'CN', holidays: [], workdays: [], officialYears: {} }),
  }),
  timeLimits: z
    .object({
      acceptanceWorkingDays: z.number().int().min(1).default(2),
      simple: z.number().int().min(1).default(3),
      complex: z.number().int().min(1).default(15),
      major: z.number().int().min(1).default(30),
    })
    .default({ acceptanceWorkingDays: 2, simple: 3, complex: 15, major: 30 }),
  statutory: z
    .object({
      registerDays: z.number().int().min(1).default(15),
      handleDays: z.number().int().min(1).default(60),
      extensionMaxDays: z.number().int().min(0).default(30),
      reviewRequestDays: z.number().int().min(1).default(30),
      reviewDays: z.number().int().min(1).default(30),
    })
    .default({
      registerDays: 15,
      handleDays: 60,
      extensionMaxDays: 30,
      reviewRequestDays: 30,
      reviewDays: 30,
    }),
  thresholds: z
    .object({
      majorPeopleConcerned: z.number().int().min(2).default(20),
      repeatPetitions: z.number().int().min(2).default(3),
      repeatWindowDays: z.number().int().min(1).default(90),
      longOverdueWorkingDays: z.number().int().min(1).default(5),
      collectivePeopleConcerned: z.number().int().min(2).default(5),
      warningSimilarPetitions: z.number().int().min(2).default(3),
      hotTopicSimilarPetitions: z.number().int().min(2).default(2),
      similarMatter: z.number().gt(0).max(1).default(0.3),
      sameMatter: z.number().gt(0).max(1).default(0.6),
    })
    .default({
      majorPeopleConcerned: 20,
      repeatPetitions: 3,
      repeatWindowDays: 90,
      longOverdueWorkingDays: 5,
      collectivePeopleConcerned: 5,
      warningSimilarPetitions: 3,
      hotTopicSimilarPetitions: 2,
      similarMatter: 0.3,
      sameMatter: 0.6,
    }),
  /** R22: the organisation's goals, shown beside the figures (the seed's example: 90% and 85%). */
  goals: z
    .object({
      teamLevelPercent: z.number().min(0).max(100).default(90),
      resolutionPercent: z.number().min(0).max(100).default(85),
    })
    .default({ teamLevelPercent: 90, resolutionPercent: 85 }),
  departments: z
    .array(z.object({ id, name: text, channel: channel.optional() }))
    .min(1, 'needs at least one department'),
  people: z.array(person).min(1, 'needs at least one person'),
  categories: z.array(category).min(1, 'needs at least one category'),
  declineSituations: z
    .array(z.object({ id, name: text, guidance: text }))
    .min(1, 'needs at least one situation'),
  channels: z
    .object({
      summary: channel.optional(),
      announcements: channel.optional(),
      leaders: channel.optional(),
    })
    .default({}),
  routine: z
    .object({
      preShiftTime: localTime.default('08:30'),
      receptionDay: z
        .enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
        .default('wednesday'),
      jointMeetings: z.array(z.string().regex(/^\d{2}-\d{2}$/, 'must be MM-DD')).default([]),
    })
    .default({ preShiftTime: '08:30', receptionDay: 'wednesday', jointMeetings: [] }),
  retention: z
    .object({
      archiveAfterYears: z.number().int().min(1).default(3),
      destroyAfterYears: z.number().int().min(1).default(10),
    })
    .default({ archiveAfterYears: 3, destroyAfterYears: 10 }),
});

export type OrgFile = z.infer<typeof orgSchema>;
export type OrgPersonEntry = z.infer<typeof person>;
export type OrgRoleEntry = z.infer<typeof role>;
export type Text = z.infer<typeof text>;
