import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ApprovalList,
  ApprovalListQuery,
  ApprovalRequestView,
  AuditEntry,
  AuditChainVerdict,
  CreateApprovalRequest,
  DecideApprovalRequest,
} from '@lockstep/backstage-plugin-lockstep-common';
import type { RecordAudit } from '../http/audit';
import { CatalogDirectory } from '../access/CatalogDirectory';
import { CatalogReadAccess } from '../access/catalogAccess';
import { RecipientAccess } from '../access/RecipientAccess';
import { ReadinessService } from '../readiness/ReadinessService';
import { ApprovalStore } from './ApprovalStore';
import { ApprovalWaiter } from './ApprovalWaiter';
import { ApprovalCommands } from './ApprovalCommands';
import { ApprovalExpiry } from './ApprovalExpiry';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalQueries } from './ApprovalQueries';
import { ApprovalReadAccess } from './ApprovalReadAccess';
import { ApprovalsConfig } from './config';

/**
 * Release and change requests: created under the policy that applies, decided by approver groups,
 * with every transition audited, notified and signalled. The backend guards every action: the
 * permission framework first (adopters can tighten it), then the policy frozen on the request, and
 * every rule that depends on the request's current state is applied again inside the transaction
 * that writes, with the request row locked, so that a decision is judged on what is stored.
 *
 * This class only wires the parts together, so that the router, the plugin and the tests see one
 * service: `ApprovalCommands` changes requests, `ApprovalQueries` reads them, `ApprovalReadAccess`
 * decides who may read what, `ApprovalExpiry` runs the deadlines and `ApprovalNotifier` tells people.
 */
export class ApprovalService {
  private readonly commands: ApprovalCommands;
  private readonly queries: ApprovalQueries;
  private readonly expiry: ApprovalExpiry;

  constructor(deps: {
    auth: AuthService;
    permissions: PermissionsService;
    access: CatalogReadAccess;
    directory: CatalogDirectory;
    recipients: RecipientAccess;
    readiness: ReadinessService;
    store: ApprovalStore;
    config: ApprovalsConfig;
    notifications?: NotificationService;
    signals?: SignalsService;
    logger: LoggerService;
  }) {
    const { store, config } = deps;
    const waiter = new ApprovalWaiter({
      states: ids => store.states(ids),
      logger: deps.logger,
    });
    const notifier = new ApprovalNotifier({
      waiter,
      directory: deps.directory,
      recipients: deps.recipients,
      notifications: deps.notifications,
      signals: deps.signals,
      logger: deps.logger,
    });
    this.expiry = new ApprovalExpiry({ store, notifier, config });
    const reads = new ApprovalReadAccess({
      permissions: deps.permissions,
      access: deps.access,
      directory: deps.directory,
      store,
      expiry: this.expiry,
    });
    this.queries = new ApprovalQueries({ store, reads, waiter });
    this.commands = new ApprovalCommands({
      auth: deps.auth,
      permissions: deps.permissions,
      directory: deps.directory,
      readiness: deps.readiness,
      store,
      config,
      reads,
      notifier,
    });
  }

  create(
    body: CreateApprovalRequest,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ): Promise<ApprovalRequestView> {
    return this.commands.create(body, credentials, recordAudit);
  }

  /** See `ApprovalQueries.list`: a page of readable requests, or the caller's inbox. */
  list(
    query: ApprovalListQuery,
    credentials: BackstageCredentials,
  ): Promise<ApprovalList> {
    return this.queries.list(query, credentials);
  }

  get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestView> {
    return this.queries.get(id, credentials);
  }

  decide(
    id: string,
    body: DecideApprovalRequest,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ): Promise<ApprovalRequestView> {
    return this.commands.decide(id, body, credentials, recordAudit);
  }

  cancel(
    id: string,
    comment: string | undefined,
    credentials: BackstageCredentials,
    recordAudit: RecordAudit,
  ) {
    return this.commands.cancel(id, comment, credentials, recordAudit);
  }

  audit(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ entries: AuditEntry[]; verification: AuditChainVerdict }> {
    return this.queries.audit(id, credentials);
  }

  /** Long poll; see `ApprovalQueries.wait`. Undefined when `signal` aborts. */
  wait(
    id: string,
    timeoutSeconds: number,
    credentials: BackstageCredentials,
    signal?: AbortSignal,
  ): Promise<ApprovalRequestView | undefined> {
    return this.queries.wait(id, timeoutSeconds, credentials, signal);
  }

  /** Open long polls on this replica. */
  get waiting() {
    return this.queries.waiting;
  }

  /** Expires the requests past their expiry; the scheduled task. */
  expireDue(): Promise<number> {
    return this.expiry.expireDue();
  }

  /** Reminds the approvers of the open stage shortly before a request expires; the scheduled task. */
  remind(): Promise<number> {
    return this.expiry.remind();
  }
}
