/** Lockstep's English messages for the rules in force: the Policies page, the entity's "Rules that apply" card and the dry run of a request (see `lockstepTranslationRef`). */
export const policiesMessages = {
  page: {
    title: 'Policies',
    subtitle:
      'The readiness profiles and approval policies in force: what each applies to, its gates and who approves',
    loadFailed: 'Could not load the policies',
    introTitle: 'The first match wins',
    intro:
      'Lockstep tries the rules in the order shown. An entity gets the first readiness profile whose filter matches it; a request gets the first approval policy that covers its environment and whose filter matches the entity.',
    annotations:
      'An entity cannot loosen what applies to it. With {{profileAnnotation}} it can ask for a stricter profile (one that extends the matching one); with {{approversAnnotation}} it can add approver groups or raise how many must approve.',
    profiles: 'Readiness profiles',
    profilesHint:
      'Tried in this order; an entity gets the first whose filter matches.',
    noProfiles:
      'No readiness profile is configured (lockstep.readiness.profiles), so no entity has readiness gates.',
    policies: 'Approval policies',
    policiesHint:
      'Tried in this order for each request; the first that covers its environment and whose filter matches decides.',
    noPolicies:
      'No approval policy is configured (lockstep.approvals.policies), so every approval request is refused.',
    numbered: '{{position}}. {{title}}',
    count: '({{total}})',
  },
  filter: {
    every: 'Every entity',
    entities: 'Entities {{clauses}}',
    kind: 'of kind {{values}}',
    type: 'of type {{values}}',
    lifecycle: 'in lifecycle {{values}}',
    tags: 'tagged {{values}}',
    system: 'in system {{values}}',
    clauseSeparator: ', ',
    separator: ', ',
    or: '{{items}} or {{last}}',
  },
  selection: {
    none: 'Applies to no entity you can see now.',
    count_one: 'Applies to {{count}} entity now:',
    count_other: 'Applies to {{count}} entities now:',
    more_one: 'and {{count}} more',
    more_other: 'and {{count}} more',
    hint: 'Counted as you may see them; an entity counts for the first that matches it only.',
  },
  profile: {
    id: 'id {{id}}',
    extends: 'extends {{profiles}}, whose gates it includes',
    filter: 'Applies to',
    gates: 'Gates',
    noGates: 'No gates: whatever it applies to is ready.',
    check: 'check {{check}}',
    automatic: 'automatic check',
    signoff: 'sign-off',
    required: 'required',
    optional: 'optional',
    validFor: 'valid for {{duration}}',
    gateRegion: 'Gates of {{profile}}',
  },
  policy: {
    id: 'id {{id}}',
    environments: 'Environments',
    everyEnvironment: 'every environment',
    filter: 'Applies to',
    stages: 'Approvers',
    stagesHint: 'Stages run in order; within a stage, every rule must be met.',
    noStages: 'No stages: no request could be approved.',
    rules: 'Rules',
  },
  stage: {
    heading: 'Stage {{stage}} · {{name}}',
    region: 'Stage {{stage}}: {{name}}',
    approvals_one: '{{count}} approval',
    approvals_other: '{{count}} approvals',
    from: '{{approvals}} from {{group}}',
    owner: "the entity's owner",
    members: 'Who can approve:',
    noMembers: 'Nobody you can see can approve for this rule.',
    moreMembers_one: 'and {{count}} more',
    moreMembers_other: 'and {{count}} more',
  },
  flags: {
    requesterCannotApprove: 'The requester cannot approve their own request.',
    requesterCanApprove: 'The requester may approve their own request.',
    rejectReasonRequired: 'A rejection must say why.',
    rejectReasonOptional: 'A rejection need not say why.',
    requireReadiness: 'Only a ready entity can be approved.',
    readinessNotRequired: 'Readiness does not stop an approval.',
    expiresAfter: 'A request expires {{duration}} after it is made.',
    neverExpires: 'Requests do not expire.',
  },
  outcome: {
    applies: 'applies',
    shadowed: 'not chosen',
    noMatch: 'does not match',
  },
  candidates: {
    show_one: 'Why not the other one',
    show_other: 'Why not the {{count}} others',
    hide: 'Hide the others',
    whyNone_one: 'The {{count}} considered:',
    whyNone_other: 'The {{count}} considered:',
  },
  card: {
    title: 'Rules that apply',
    subheader:
      'The readiness profile and the approval policies for {{entity}}, and why',
    deepLink: 'All policies',
    loadFailed: 'Could not load the rules for this entity',
    readiness: 'Readiness profile',
    profile: '{{title}} ({{id}})',
    byAnnotation: 'asked for by annotation',
    noProfile: 'No readiness profile applies, so it has no readiness gates.',
    approvals: 'Approvals, by environment',
    noEnvironments:
      'No approval policy names an environment. Request approval to see which policy would decide for yours.',
    environment: 'Environment {{environment}}',
  },
  dryRun: {
    decidedBy: 'Decided by {{policy}}',
    noPolicy:
      'No approval policy covers {{environment}} for this entity, so a request would be refused.',
    approvers: 'Who would approve, in order',
    withoutYou:
      'You are not listed: this policy does not let you approve your own request.',
    additions: "Added by the entity's approvers annotation:",
    ignored: 'Asked for by the annotation and not followed:',
    requestable: 'you can request',
    notRequestable: 'you cannot request',
    cannotRequest: 'You cannot request approval for {{environment}}',
    checking: 'Checking which policy would decide…',
    failed:
      'Could not check which policy would decide ({{message}}); the request is checked when you send it.',
    chooseEnvironment:
      'Choose an environment to see which policy would decide and who would have to approve.',
    optionPolicy: '{{policy}}',
    optionNoPolicy: 'no policy',
  },
  button: {
    noEnvironment: 'You cannot request approval for any environment now.',
    refusal: '{{environment}}: {{refusal}}',
  },
} as const;
