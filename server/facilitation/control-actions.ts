import { controlDocName } from '../../shared/schema/doc-kinds.ts';
import { ControlDoc } from '../../shared/schema/control.ts';
import { hasRefusedOn } from '../auth/write-rights.ts';
import type { Registry } from '../docs/registry.ts';
import { CloseCodes } from '../protocol/close-codes.ts';

/**
 * The one way the control document changes (A3): server actions, called from HTTP handlers that have
 * already checked the caller may take them. Each change is one transaction, stored and fanned out like any
 * edit. A change that widens rights (unlocking, reopening a plan, opening every plan) then closes the
 * connections that had updates refused, so their clients reconnect and send them again in their sync step 2.
 */
export class ControlActions {
  constructor(private readonly registry: Registry) {}

  async change<T>(routeId: string, edit: (control: ControlDoc) => T, options: { widensRights?: boolean } = {}): Promise<T> {
    const result = await this.registry.withRoom(controlDocName(routeId), (room) => {
      let value!: T;
      room.doc.transact(() => {
        value = edit(new ControlDoc(room.doc));
      });
      return value;
    });
    // A change that could not be stored throws (ChangeNotStored): it was not made, and the caller is told so.
    await this.registry.stored();
    if (options.widensRights) this.registry.closeWhere((_, rights) => hasRefusedOn(rights, routeId), CloseCodes.rightsChanged);
    return result;
  }

  read<T>(routeId: string, look: (control: ControlDoc) => T): Promise<T> {
    return this.registry.withRoom(controlDocName(routeId), (room) => look(new ControlDoc(room.doc)));
  }
}
