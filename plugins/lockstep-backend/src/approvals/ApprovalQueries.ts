import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ApprovalList,
  ApprovalListQuery,
  ApprovalRequestView,
  AuditEntry,
  AuditChainVerdict,
  isTerminal,
  statesTaking,
  verifyRequestRecord,
} from '@lockstep/backstage-plugin-lockstep-common';
import {
  ApprovalStore,
  ListPosition,
  RequestFilter,
  sha256,
  StoredRequest,
} from './ApprovalStore';
import { ApprovalReadAccess, Viewer } from './ApprovalReadAccess';
import { ApprovalWaiter } from './ApprovalWaiter';
import { decodeCursor, encodeCursor, positionOf } from './listCursor';

const DEFAULT_PAGE = 100;
/** The inbox and a count that must check each request read the requests in batches of this many. */
const BATCH = 500;

/** What a caller may read of the requests: lists, the inbox, one request, its audit, and the long poll. */
export class ApprovalQueries {
  constructor(
    private readonly deps: {
      store: ApprovalStore;
      reads: ApprovalReadAccess;
      waiter: ApprovalWaiter;
    },
  ) {}

  /**
   * One page of requests the caller may read: open first, then newest first. The inbox
   * (`pendingFor`) holds every pending request the caller may decide now, oldest first, with their
   * total: it reads all pending requests (one per entity and environment at most), since whether
   * someone may decide is known only per request.
   */
  async list(
    query: ApprovalListQuery,
    credentials: BackstageCredentials,
  ): Promise<ApprovalList> {
    const { store, reads } = this.deps;
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const viewer = await reads.viewerOf(credentials);
    const filter: RequestFilter = {
      entityRef: query.entityRef,
      environment: query.environment,
      requester: query.requester === 'me' ? viewer.actor : query.requester,
    };
    if (query.entityRef) {
      let ref;
      try {
        ref = stringifyEntityRef(parseEntityRef(query.entityRef));
      } catch (error) {
        throw new InputError(`entityRef: ${(error as Error).message}`);
      }
      // an entity the caller may not read lists as an unknown one does, after the same work
      if ((await viewer.scope.readable([ref])).size === 0) {
        return { items: [], total: 0 };
      }
    }
    if (query.pendingFor) {
      const waiting: StoredRequest[] = [];
      let position: ListPosition | undefined;
      for (;;) {
        const batch = await store.list({
          ...filter,
          states: statesTaking('approve'),
          order: 'oldest-first',
          after: position,
          limit: BATCH,
        });
        const readable = await reads.readableRequests(
          batch,
          viewer,
          credentials,
        );
        waiting.push(...readable.filter(r => reads.canDecide(r, viewer)));
        if (batch.length < BATCH) break;
        position = positionOf(batch[batch.length - 1]);
      }
      const start = after
        ? waiting.findIndex(
            r =>
              r.createdAt > after.createdAt ||
              (r.createdAt === after.createdAt && r.id > after.id),
          )
        : 0;
      const page = start < 0 ? [] : waiting.slice(start, start + limit);
      const more = start >= 0 && start + limit < waiting.length;
      return {
        items: await reads.views(page, viewer),
        ...(more && { nextCursor: encodeCursor(positionOf(page.at(-1)!)) }),
        total: waiting.length,
      };
    }

    // Pages of the store until a page of readable requests is full; the cursor is the last one shown.
    const items: StoredRequest[] = [];
    let position = after;
    let exhausted = false;
    while (items.length < limit && !exhausted) {
      const want = limit - items.length;
      const batch = await store.list({
        ...filter,
        states: query.state,
        order: 'open-first',
        after: position,
        limit: want + 1,
      });
      exhausted = batch.length <= want;
      const considered = batch.slice(0, want);
      items.push(
        ...(await reads.readableRequests(considered, viewer, credentials)),
      );
      if (considered.length > 0)
        position = positionOf(considered[considered.length - 1]);
    }
    return {
      items: await reads.views(items, viewer),
      ...(!exhausted && position && { nextCursor: encodeCursor(position) }),
      total: await this.total(
        { ...filter, states: query.state },
        viewer,
        credentials,
      ),
    };
  }

  /**
   * How many requests match `filter` that the caller may read: one count when they may read every
   * request it takes, otherwise counted batch by batch as the list reads them.
   */
  private async total(
    filter: RequestFilter,
    viewer: Viewer,
    credentials: BackstageCredentials,
  ): Promise<number> {
    const { store, reads } = this.deps;
    if (await reads.readsEvery(filter, viewer, credentials)) {
      return store.count(filter);
    }
    let total = 0;
    let position: ListPosition | undefined;
    for (;;) {
      const batch = await store.list({
        ...filter,
        order: 'oldest-first',
        after: position,
        limit: BATCH,
      });
      total += (await reads.readableRequests(batch, viewer, credentials))
        .length;
      if (batch.length < BATCH) return total;
      position = positionOf(batch[batch.length - 1]);
    }
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequestView> {
    const { reads } = this.deps;
    const viewer = await reads.viewerOf(credentials);
    const request = await reads.readable(id, viewer, credentials);
    return reads.viewOne(request, viewer);
  }

  async audit(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ entries: AuditEntry[]; verification: AuditChainVerdict }> {
    const { store, reads } = this.deps;
    const request = await reads.readable(
      id,
      await reads.viewerOf(credentials),
      credentials,
    );
    const entries = await store.audit(id);
    return {
      entries,
      verification: verifyRequestRecord(
        request,
        entries,
        sha256,
        request.auditHead,
      ),
    };
  }

  /**
   * Long poll: answers as soon as the request is decided, or when `timeoutSeconds` pass. Undefined
   * when `signal` aborts (the client went away), so nothing is built for nobody.
   */
  async wait(
    id: string,
    timeoutSeconds: number,
    credentials: BackstageCredentials,
    signal?: AbortSignal,
  ): Promise<ApprovalRequestView | undefined> {
    const { store, reads, waiter } = this.deps;
    const viewer = await reads.viewerOf(credentials);
    let request = await reads.readable(id, viewer, credentials);
    if (!isTerminal(request.state)) {
      const outcome = await waiter.wait(id, timeoutSeconds * 1000, signal);
      if (outcome === 'aborted') return undefined;
      request = (await store.get(id)) ?? request;
    }
    return reads.viewOne(request, viewer);
  }

  /** Open long polls on this replica. */
  get waiting() {
    return this.deps.waiter.size;
  }
}
