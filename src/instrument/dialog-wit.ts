/**
 * WIT of the interface a component instrumented with `-m dialog` imports to
 * be driven by hand (`proxy-component:dialog/prompt@0.1.0`): the host is told
 * the component's functions with their types once (`begin`), is asked which
 * export to call next and with what arguments, and for the result of every
 * import call the component makes, and is told how each export call ended.
 *
 * Requests are structured, so that any host can prompt without a WIT parser:
 * a type is a table of nodes that refer to one another by index (a WIT type
 * cannot contain itself), resources by index into their own table; values
 * cross as WAVE text of their type, as in the trace. Prompting, naming
 * handles and saving the session are the host's (see src/dialog/composed).
 */

export const DIALOG_PROMPT = 'proxy-component:dialog/prompt@0.1.0';

export const DIALOG_PACKAGE = `package proxy-component:dialog@0.1.0 {
  interface prompt {
    /** One node of a type table: nodes refer to other nodes, and handles to resources, by index. */
    variant type-node {
      %bool,
      %s8, %s16, %s32, %s64,
      %u8, %u16, %u32, %u64,
      %f32, %f64,
      %char,
      %string,
      %list(u32),
      fixed-list(fixed-list-type),
      %tuple(list<u32>),
      %record(record-type),
      %variant(variant-type),
      %enum(enum-type),
      %flags(enum-type),
      %option(u32),
      %result(result-type),
      %own(u32),
      %borrow(u32),
    }

    /** A named type's WIT name, and the interface or world that declares it. */
    record type-name { name: string, owner: option<string> }
    record fixed-list-type { name: option<type-name>, element: u32, length: u32 }
    record field-type { name: string, %type: u32 }
    record record-type { name: option<type-name>, fields: list<field-type> }
    record case-type { name: string, %type: option<u32> }
    record variant-type { name: option<type-name>, cases: list<case-type> }
    record enum-type { name: option<type-name>, cases: list<string> }
    record result-type { name: option<type-name>, ok: option<u32>, err: option<u32> }

    /**
     * A resource: \`id\` is unique in the world (\`test:app/store#log\`); \`imported\` ones the host
     * implements (it makes their handles), the others the component does.
     */
    record resource-type { id: string, name: type-name, imported: bool }

    enum function-kind { freestanding, %constructor, method, %static }
    record param { name: string, %type: u32 }

    /** A function of the component under test; \`%interface\` is its interface's id, none for a world-level one. */
    record function {
      %interface: option<string>,
      name: string,
      kind: function-kind,
      %resource: option<u32>,
      params: list<param>,
      %result: option<u32>,
    }

    record session {
      types: list<type-node>,
      resources: list<resource-type>,
      exports: list<function>,
      /** The imports the host answers (the component's imports, less those left to the real host). */
      imports: list<function>,
      /** The trace header's \`component\` (\`sha256:<hex>\` of the instrumented component). */
      component: string,
      /** Import items left to the real host: their calls are not asked, nor in the trace. */
      passthrough: list<string>,
    }

    /** An export call: index into \`session.exports\`, arguments as WAVE. */
    record export-call { function: u32, args: list<string> }

    variant answer {
      /** The result as WAVE; none for a function without one. */
      %return(option<string>),
      /** The host fails the call: the component traps with this message. */
      fail(string),
    }

    /** First, once. */
    begin: func(session: session);
    /** The next export call to make; none ends the session (\`start\` returns). */
    next-export: func() -> option<export-call>;
    /** The component calls an import (index into \`session.imports\`, arguments as WAVE). */
    call-import: func(function: u32, args: list<string>) -> answer;
    /** The export call made last returned (its result as WAVE). */
    returned: func(function: u32, %result: option<string>);
    /** The component is about to trap: why, in words. */
    failed: func(message: string);
  }
}`;
