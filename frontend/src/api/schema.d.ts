// Generated from docs/openapi.yaml by `npm run gen:api` (scripts/gen-api.mjs); do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process runs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ok"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database reachable and migrations current */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ok"];
                    };
                };
                503: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/yaml": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                415: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
                429: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out; the token stops working (signed in) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user (signed in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionUser"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change one's own password (signed in) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List stations (admin) */
        get: {
            parameters: {
                query?: {
                    limit?: string;
                    cursor?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StationList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Create a station (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        name: string;
                        timezone?: string;
                        phone?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Station"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** One station (station scope) (signed in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Station"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a station (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        timezone?: string;
                        phone?: string;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Station"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/v1/analysers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every analyser sending results over an interface (lab_tech, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: components["schemas"]["Analyser"][];
                        };
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Configure an analyser; it gets its own user, which cannot sign in or verify (admin)
         * @description Results the analyser sends (HL7 v2 ORU^R01 on TORCHLAB_HL7_ADDR) are entered as its user and wait for a technician's verification. 409 conflict when the name, or the protocol and sender id, are taken; 422 validation for a bad field, naming code_map.<code> with unknown_analyte for a code mapped to no analyte.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        protocol: "hl7" | "astm";
                        /** @description HL7 MSH-3 (or MSH-3^MSH-4, or MSH-4); the ASTM H record's sender */
                        sender_id: string;
                        /** @description the analyser's test code (local or LOINC, any case) to an analyte code */
                        code_map?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Analyser"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analysers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** One analyser (lab_tech, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Analyser"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an analyser; active false refuses its messages (AR) and switches its user off (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        sender_id?: string;
                        /** @description replaces the whole map when given */
                        code_map?: {
                            [key: string]: string;
                        };
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Analyser"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/v1/analysers/{id}/messages": {
        parameters: {
            query?: {
                ack?: "AA" | "AE" | "AR";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The analyser's messages of the last 30 days, newest first, with how each was answered (lab_tech, admin) */
        get: {
            parameters: {
                query?: {
                    ack?: "AA" | "AE" | "AR";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: components["schemas"]["InterfaceMessage"][];
                            total?: number;
                            next_cursor?: string;
                        };
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/slots/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a slot no appointment has used (nurse, admin)
         * @description A slot with a booking, or with cancelled or missed appointments, is 409 slot_in_use; close it instead.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a slot's capacity, or close or reopen it (nurse, admin)
         * @description A capacity under the places booked is 409 capacity_below_booked (equal is allowed). A closed slot takes no booking (409 slot_closed); its bookings stand.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        capacity?: number;
                        closed?: boolean;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Slot"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/v1/clients/{id}/eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Whether she can be booked for a screening on a day, before a slot is chosen (nurse, admin) */
        get: {
            parameters: {
                query?: {
                    slot_date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Eligibility"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record her consent, or its withdrawal, after registration (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        given: boolean;
                        text_version?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Client"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stations/{id}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** A station's slots (signed in) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SlotList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Create one slot, or a range (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        date?: string;
                        start?: string;
                        end?: string;
                        capacity?: number;
                        /** Format: date */
                        from?: string;
                        /** Format: date */
                        to?: string;
                        weekdays?: number[];
                        times?: string[];
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Slot"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (admin) */
        get: {
            parameters: {
                query?: {
                    role?: string;
                    station_id?: string;
                    active?: string;
                    limit?: string;
                    cursor?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Create a user (must change the password at first sign-in) (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                        role: string;
                        station_id?: number;
                        display_name?: string;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** One user (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username?: string;
                        password?: string;
                        role?: string;
                        station_id?: number;
                        display_name?: string;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme's rules (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Settings"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        /** Change some rules (audited) (admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: number;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Settings"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each rule's default and range (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SettingRules"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The working calendar (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkCalendar"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        /**
         * Replace the working calendar's lists (audited; the kept statistics are made again) (admin)
         * @description Both lists are required (an empty list clears one). A holiday is a Monday to Friday (a weekend day is no working day already), a make-up working day (调休) a Saturday or Sunday; each is a real date listed once, and no day is in both lists. Turnaround "within 5 working days" counts by this calendar.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        holidays: string[];
                        workdays: string[];
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkCalendar"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/message-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The wording of every message to women, per event and language, with its default, its placeholders and the words no template may hold (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageTemplateList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/message-templates/{event}/{lang}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                event: "appointment_reminder" | "report_ready" | "retest_due" | "pregnancy_early" | "pregnancy_outcome";
                lang: "zh" | "en";
            };
            cookie?: never;
        };
        get?: never;
        /** Change a message's wording for the messages written from now on (audited); placeholders outside the event's list and words that would state a result are refused with 422 (admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    event: "appointment_reminder" | "report_ready" | "retest_due" | "pregnancy_early" | "pregnancy_outcome";
                    lang: "zh" | "en";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the text, with placeholders such as {name}, {date} */
                        body: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageTemplate"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        post?: never;
        /** Give a message its default wording again (audited) (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    event: "appointment_reminder" | "report_ready" | "retest_due" | "pregnancy_early" | "pregnancy_outcome";
                    lang: "zh" | "en";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageTemplate"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first (admin) */
        get: {
            parameters: {
                query?: {
                    entity?: string;
                    entity_id?: string;
                    actor?: string;
                    action?: string;
                    from?: string;
                    to?: string;
                    limit?: string;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Analytes with their kits (signed in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyteList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytes/{code}/kits": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a kit version (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        kit: string;
                        unit: string;
                        negative_below: number;
                        positive_from: number;
                        /** Format: date */
                        effective_from: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Kit"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytes/{code}/plausible-range": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Set the range of values held possible for an analyte (admin)
         * @description A result value outside it, entered, imported or amended, is refused with 422 implausible_value (a slipped decimal point, a stray digit). A null bound is no bound. The change is audited (analyte.plausible_range).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        min?: number | null;
                        max?: number | null;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Analyte"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/panels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Panels and their analytes (signed in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PanelList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search by partial name, phone digits or full ID number (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: {
                    /** @description A partial name; a phone number or 4 digits or more of one; the last 4 characters of her ID number (4 digits search phone and ID end at once); or a full 18-character ID number. */
                    q?: string;
                    station_id?: string;
                    limit?: string;
                    cursor?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClientList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Register a woman (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        national_id: string;
                        phone: string;
                        address: string;
                        category: string;
                        /** Format: date */
                        lmp_date?: string;
                        consent?: {
                            given?: boolean;
                            text_version?: string;
                        };
                        reminders?: components["schemas"]["RemindersInput"];
                        station_id?: number;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Client"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Her page (masked), with her open pregnancy and her vaccinations (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClientPage"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Correct a client (audited); admins move her (nurse, admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Client"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/v1/clients/{id}/national_id": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Reveal the full ID number (audited) (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reveal"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}/phone": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Reveal the full phone (audited) (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reveal"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Her choice of text-message reminders (audited); opting out cancels her queued messages at once (nurse, counselor, admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RemindersInput"];
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Client"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}/pregnancies": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Her pregnancies, newest first (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PregnancyList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Record her pregnancy from her LMP or EDD (nurse, counselor, admin)
         * @description 409 pregnancy_open while another is open; warnings names lmp_within_rubella_deferral when the LMP falls before the end of a rubella vaccination deferral
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description her last menstrual period; or give edd
                         */
                        lmp_date?: string;
                        /**
                         * Format: date
                         * @description the estimated date of delivery a clinic gave (the LMP is taken as 280 days before it)
                         */
                        edd?: string;
                        /** @enum {string} */
                        source: "registration" | "self_report" | "clinic";
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Pregnancy"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}/vaccinations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Her vaccinations, newest first (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VaccinationList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Record a rubella vaccination, pregnancy excluded (nurse, counselor, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        vaccine: "rubella";
                        /** Format: date */
                        given_on: string;
                        /** @description must be true (422 otherwise); a rubella vaccine is never given in pregnancy */
                        pregnancy_excluded: boolean;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Vaccination"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pregnancies": {
        parameters: {
            query?: {
                due?: boolean;
                station_id?: number;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pregnancy follow-up worklist — early-pregnancy contacts and outcome follow-ups, by due day (nurse, counselor, admin)
         * @description due=true keeps the tasks open today, overdue ones first (the outcome follow-up opens at EDD + 42 days); without it the tasks still to come too. station_id for admins.
         */
        get: {
            parameters: {
                query?: {
                    due?: boolean;
                    station_id?: number;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PregnancyTaskList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pregnancies/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Correct a recorded outcome, with a reason (nurse, counselor, admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "live_birth" | "stillbirth" | "miscarriage" | "induced_abortion" | "ectopic" | "unknown";
                        /** Format: date */
                        date: string;
                        gestation_weeks?: number;
                        /** @description grams, a live birth or a stillbirth only */
                        birth_weight_g?: number;
                        defects?: {
                            /** @description ICD-10 Q code (Q00–Q99.9), checked for form */
                            code?: string;
                            text: string;
                        }[];
                        /** @description required to correct (PUT) */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Pregnancy"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        /** Record the outcome; it closes the pregnancy (nurse, counselor, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "live_birth" | "stillbirth" | "miscarriage" | "induced_abortion" | "ectopic" | "unknown";
                        /** Format: date */
                        date: string;
                        gestation_weeks?: number;
                        /** @description grams, a live birth or a stillbirth only */
                        birth_weight_g?: number;
                        defects?: {
                            /** @description ICD-10 Q code (Q00–Q99.9), checked for form */
                            code?: string;
                            text: string;
                        }[];
                        /** @description required to correct (PUT) */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Pregnancy"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pregnancies/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The attempts to reach her about the pregnancy's tasks, oldest first (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["PregnancyContact"][];
                            total?: number;
                        };
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Log an attempt to reach her about a pregnancy task (nurse, counselor, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        task: "early_contact" | "outcome";
                        /** @enum {string} */
                        channel: "phone" | "sms" | "visit" | "in_person";
                        /** @enum {string} */
                        result: "reached" | "no_answer" | "wrong_number" | "refused";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PregnancyContact"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The messages to women, newest first, with status and times and the phone masked; a message never states a result (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: {
                    client_id?: string;
                    station_id?: string;
                    status?: "queued" | "sent" | "delivered" | "failed" | "cancelled";
                    limit?: string;
                    cursor?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/receipts/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delivery receipts from the SMS gateway, as Alibaba Cloud pushes them: a JSON array of {out_id, biz_id, success, err_code, err_msg, ...}. The token is TORCHLAB_SMS_RECEIPT_TOKEN (404 when none is configured, 401 when it differs) (public, token in the path) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the message's idempotency key, sent to the gateway as its out-id */
                        out_id?: string;
                        biz_id?: string;
                        success?: boolean;
                        err_code?: string;
                        err_msg?: string;
                    }[];
                };
            };
            responses: {
                /** @description taken */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: number;
                            msg?: string;
                            matched: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                413: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A station's day list, or a woman's appointments (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: {
                    station_id?: string;
                    client_id?: string;
                    date?: string;
                    status?: string;
                    limit?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DayList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Book (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        client_id: number;
                        slot_id: number;
                        recollection_id?: number;
                        followup_id?: number;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** One appointment (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check in (on the day) (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a no-show (after the start) (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel, giving the place back (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move to another slot (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        slot_id: number;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/{id}/samples": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the draw: a sample with an accession code (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        panel?: "TORCH8" | "NFPCP";
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sample"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List samples, newest first (signed in) */
        get: {
            parameters: {
                query?: {
                    status?: string;
                    station_id?: string;
                    client_id?: string;
                    from?: string;
                    to?: string;
                    limit?: string;
                    cursor?: string;
                    /** @description `true`: released samples with an amendment waiting for a second technician */
                    amendment_pending?: "true" | "false";
                    /** @description `results` adds each sample's current results (the bench's result grid) */
                    include?: "results";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /** A sample with its results and custody events (signed in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/label.png": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /** QR label preview; records no print (confirm with label/printed) (nurse, lab_tech, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/label.zpl": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /** ZPL II label; handing it out is the print (audited; ?reason= for reprints) (nurse, lab_tech, admin) */
        get: {
            parameters: {
                query?: {
                    reason?: string;
                };
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/zpl": string;
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labels.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sheet (A4) or roll of labels, a preview; records no print (confirm with /labels/printed) (nurse, lab_tech, admin) */
        get: {
            parameters: {
                query?: {
                    accession?: string;
                    layout?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/label/printed": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the tube's label came out of the printer (audited; a reprint needs a reason) (nurse, lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description the preview that was printed (default pdf)
                         * @enum {string}
                         */
                        format?: "pdf" | "png";
                        /** @description required when a tube's label was printed before (required_for_reprint) */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labels/printed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a sheet of labels came out of the printer (audited; a reprint needs a reason) (nurse, lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessions: string[];
                        /**
                         * @description the preview that was printed (default pdf)
                         * @enum {string}
                         */
                        format?: "pdf" | "png";
                        /** @description required when a tube's label was printed before (required_for_reprint) */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive a tube (idempotent) (lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Receipt"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a tube; asks her station for a redraw (lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        reason: "hemolyzed" | "insufficient" | "unlabeled" | "mislabeled" | "expired" | "other";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sample"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Enter results (lab_tech, admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        results: {
                            analyte: string;
                            value?: number | string;
                            qualitative?: string;
                            kit?: string;
                            lot?: string;
                            unit?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/results/{analyte}/amend": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
                analyte: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Amend a released result (a second technician verifies) (lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                    analyte: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        value?: number | string;
                        qualitative?: string;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify and release (four eyes) (lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        acknowledge_abnormal?: boolean;
                        /** @description the technician has checked a retest whose IgG turned negative against the earlier sample (P_IGG_LOSS); without it such a release is 409 delta_unacknowledged */
                        acknowledge_delta?: boolean;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SampleDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/review": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /**
         * What verifying would release (lab_tech, admin)
         * @description For a sample waiting for verification (resulted, or with a pending amendment) — her category and gestational age at the draw, the earlier sample a retest or redraw is read against, the findings the release would make, and the delta check it would hold (acknowledge_delta).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Review"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/results/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import an analyser CSV (lab_tech, admin)
         * @description The first line must be the header accession,analyte,value[,unit][,kit][,lot] (in any case; comma or tab), or the file is refused at once (400 malformed). At most 100,000 lines after the header and 32 MiB, or the file is refused whole before any line is saved (413 too_large); a line over 4,096 bytes is refused as too_long. Each bad line is refused alone and changes nothing. The answer counts every line and names the first 200 refused ones; errors_csv links to all of them as CSV, kept for a week.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportReport"];
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                413: components["responses"]["Problem"];
                415: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/results/imports/{id}/errors.csv": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        /**
         * Every refused line of an import, as CSV (the technician who imported, admin)
         * @description Columns line,code,detail,accession,analyte, in file order. Kept for a week after the import; another technician's import answers 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/report": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /**
         * The woman's report (signed in)
         * @description Each released version is stored as it was released, with the settings its texts used; a later change of settings or of her details never changes it. An amendment releases the next version.
         */
        get: {
            parameters: {
                query?: {
                    /** @description a released version of the report (a whole number from 1), as it was released; absent, the current version. Not a positive whole number → 422 (field version); a version not released, or released before reports were stored → 404 */
                    version?: number;
                };
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Report"];
                    };
                };
                401: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/samples/{accession}/report.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /** The woman's report as PDF (audited) (signed in) */
        get: {
            parameters: {
                query?: {
                    lang?: string;
                    /** @description a released version of the report (a whole number from 1), as it was released; absent, the current version. Not a positive whole number → 422 (field version); a version not released, or released before reports were stored → 404 */
                    version?: number;
                };
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
                401: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shipments with their manifests, newest first (nurse, her station; lab technician; admin). status=dispatched lists the lab's incoming boxes; a box becomes arrived when every tube is received or rejected at the lab */
        get: {
            parameters: {
                query?: {
                    station_id?: string;
                    status?: "packed" | "dispatched" | "arrived";
                    limit?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShipmentList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Pack collected tubes into a shipment (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessions: string[];
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** A shipment reconciled (signed in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dispatch a shipment (nurse, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{id}/scan": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Scan a tube out of a shipment (receives it) (lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accession: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Shipment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recollections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Redraws asked for after a rejection (nurse, counselor, admin) */
        get: {
            parameters: {
                query?: {
                    station_id?: string;
                    open?: string;
                    limit?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecollectionList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The follow-up queue: overdue first, then priority and due time (counselor, admin) */
        get: {
            parameters: {
                query?: {
                    /** @description open, in_progress or closed, or several separated by commas (the queue screen asks for open,in_progress); every status when absent */
                    status?: string;
                    assignee?: string;
                    overdue?: string;
                    station_id?: string;
                    limit?: string;
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followups/safety-net": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Abnormal samples without a case, cases that nobody can work (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SafetyNetList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** A case (the assignee's first opening acknowledges it) (counselor, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Reassign (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignee_id: number;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Followup"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/v1/followups/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a contact attempt (counselor, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel: "phone" | "sms" | "visit" | "in_person";
                        /** @enum {string} */
                        result: "reached" | "no_answer" | "wrong_number" | "refused";
                        note?: string;
                        /**
                         * Format: date
                         * @description when she was not reached, the day of the next attempt; it makes a contact due that day when that is sooner than the case is due
                         */
                        next_attempt_on?: string;
                        next_action?: components["schemas"]["NextActionChoice"];
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Contact"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followups/{id}/retest": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book a retest from the case (counselor, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        slot_id: number;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Appointment"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followups/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close with an outcome (counselor, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "counseled" | "retest_normal" | "referred" | "vaccination_advised" | "declined" | "lost_to_follow_up" | "other";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Followup"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followups/{id}/external-results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an avidity, PCR or obstetric referral result on an open case (counselor, admin)
         * @description A high avidity before 12 weeks of gestation lowers a pregnant woman's IgM-positive case to routine for that pathogen (effect priority_lowered). The case then waits for the next action given, else a contact within the routine due time.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "avidity" | "pcr" | "obstetric_referral";
                        /**
                         * @description avidity and pcr; may be left out when the case has one pathogen with an IgM finding
                         * @enum {string}
                         */
                        pathogen?: "TOXO" | "RUBV" | "CMV";
                        /** @description avidity: high, low, equivocal; pcr: detected, not_detected; obstetric_referral: seen, not_seen */
                        result: string;
                        /** Format: date */
                        performed_on: string;
                        note?: string;
                        next_action?: components["schemas"]["NextActionChoice"];
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ExternalResult"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/followups/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen with a reason (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Followup"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fhir/DiagnosticReport/{accession}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /** A released sample's FHIR R4 DiagnosticReport (category LAB, the panel, collection time, findings as conclusion in the report's language); its references are the urn:uuid full URLs of $everything's entries (signed in) */
        get: {
            parameters: {
                query?: {
                    /** @description zh (the default) or en, the language of the conclusion and of the names of what was tested; anything else → 422 (field lang) */
                    lang?: "zh" | "en";
                };
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/fhir+json": string;
                    };
                };
                401: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fhir/DiagnosticReport/{accession}/$everything": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accession: string;
            };
            cookie?: never;
        };
        /** The DiagnosticReport with everything it rests on, as a FHIR R4 collection Bundle (Patient, Specimen, Observations, DiagnosticReport, Tasks for the follow-up cases, Observations for their external results) (signed in) */
        get: {
            parameters: {
                query?: {
                    /** @description zh (the default) or en, the language of the conclusion and of the names of what was tested; anything else → 422 (field lang) */
                    lang?: "zh" | "en";
                };
                header?: never;
                path: {
                    accession: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/fhir+json": string;
                    };
                };
                401: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Programme statistics for a range, by station and by month (signed in (nurses and counselors: their station)) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    station_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Summary"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/summary.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The per-station, per-month and station-by-month tables as CSV (signed in) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    station_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/summary.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The summary as an XLSX workbook (signed in) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    station_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's inbox (signed in) */
        get: {
            parameters: {
                query?: {
                    unread?: string;
                    limit?: string;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationList"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a notification read (signed in) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reagent lots, marking the lots in use and the expired (lab_tech, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: components["schemas"]["ReagentLot"][];
                        };
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Register a reagent lot (lab_tech, admin)
         * @description While the setting lot_required is on (the default), result entry (PUT /samples/{accession}/results), the import and analyser interfaces refuse a lot not registered for the analyte (422 lot_unknown) or past its expiry on the day of entry at the sample's station (422 lot_expired); a result without a lot takes its run's lot, else the analyte's lot in use, and with none is 422 lot_unknown.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        analyte?: string;
                        kit?: string;
                        lot?: string;
                        /** Format: date */
                        expires_on?: string;
                        /**
                         * Format: date
                         * @description default today
                         */
                        received_on?: string;
                        /** @description make it the analyte's lot in use (audited lot.in_use); an expired lot is 422 lot_expired */
                        in_use?: boolean;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReagentLot"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lots/{id}/use": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a lot its analyte's lot in use (lab_tech, admin; audited lot.in_use from → to) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReagentLot"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qc/materials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Control materials (lab_tech, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: components["schemas"]["QCMaterial"][];
                        };
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Register a control material (lab_tech, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        analyte?: string;
                        lot?: string;
                        /** @enum {string} */
                        level?: "negative" | "low_positive" | "high_positive";
                        target_mean?: number;
                        target_sd?: number;
                        /** @description a qualitative ELISA control's expected interpretation (negative, equivocal, positive) instead of a mean and SD */
                        expected?: string;
                        /** Format: date */
                        valid_until?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QCMaterial"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qc/materials/{id}/chart": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        /** Levey-Jennings chart of a material (lab_tech, admin) */
        get: {
            parameters: {
                query?: {
                    /** @description first day (the lab's days), inclusive */
                    from?: string;
                    /** @description last day, inclusive */
                    to?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LJChart"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qc/rejection-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** QC rejection rate per analyte per month (lab_tech, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: components["schemas"]["QCRejectionRate"][];
                        };
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The day's runs with their status (lab_tech, admin) */
        get: {
            parameters: {
                query?: {
                    /** @description the lab's day; default today */
                    date?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: components["schemas"]["RunSummary"][];
                        };
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Open a run (lab_tech, admin)
         * @description The run is flagged lot_review when it is the first run on a lot of any of its analytes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        analyte_codes?: string[];
                        /** @description analyte → lot code; an analyte not named runs on its lot in use. Unknown 422 lot_unknown, expired 422 lot_expired */
                        lots?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        /** A run with its analytes, samples and control values (lab_tech, admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/samples": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add scanned samples to a run (lab_tech, admin)
         * @description A sample is in one run at a time (422, field code in_other_run); it must be received and not released (not_ready).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessions?: string[];
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/qc": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enter a control value; the Westgard evaluation (lab_tech, admin)
         * @description Rules 1_2s (warning), 1_3s, 2_2s, R_4s, 4_1s, 10_x (rejection) over the material's history and the run's other controls of the analyte; qualitative for a qualitative control read other than expected. The run's status is its worst evaluation. A sample of a rejected run is refused release with 409 qc_failed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        material_id?: number;
                        value?: number;
                        /** @description for a qualitative control, its reading (negative, equivocal, positive) */
                        qualitative?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QCEvaluation"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/corrective-action": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record corrective action on a rejected run and re-run its samples (lab_tech, admin)
         * @description Answers the new run: the rejected run becomes corrected; its unreleased samples move to the new run (same analytes; the lots given or the same ones) and their entered results of those analytes are cleared, awaiting entry again. 409 invalid_state unless the run is rejected.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action?: string;
                        lots?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description ok */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/plate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        /**
         * The run laid out on a 96-well plate (lab_tech)
         * @description The stored layout (set by PUT, or the one the plate was read with), else the default (A1 blank, B1–D1 cut-off calibrators, E1 negative control, F1 positive control, samples from G1 down the columns); the run's samples in the order they were scanned into it. 96 wells in column order (A1, B1 … H12). 422 plate_full when the samples do not fit.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunPlate"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        /**
         * Store the run's own plate layout (lab_tech)
         * @description Where the kit insert asks for other wells than the default. Audited run.plate_layout. 422 validation for a well that does not exist (A1 to H12), one given twice, or no cut-off calibrator; 422 plate_full when the run's samples would not fit from first_sample on; 409 invalid_state once the plate was read.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PlateLayout"];
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunPlate"];
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/plate.csv": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        /**
         * The plate map as CSV for the reader's software (lab_tech)
         * @description Header well,row,column,kind,accession, then the 96 wells in column order; kind is blank, cutoff, negative, positive, sample or empty.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/plate/od": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read the reader's OD file into S/CO (or index) values, and enter them (lab_tech)
         * @description The file (text/csv, or the multipart field "file", at most 64 KiB) is a well,OD list (optional header "well,od") or the 8×12 grid (a header row of the columns 1 to 12, then one row a line starting with its letter); comma, semicolon or tab separated. Anything else is 400 malformed naming the line. The blank (mean of the blank wells) is subtracted from every well; cut-off = mean of the cut-off calibrators × factor; value = OD / cut-off × scale, rounded half away from zero to the decimals. A plate the kit's validity rules refuse, or one lacking an OD for a used well, is 422 plate_invalid. Without enter=true the values are only shown. With it, each sample's value is entered as its result for the analyte through the import's rules (state, panel, plausible range, the run's lot), all or nothing in one transaction with the plate stored and an audit row run.plate_read; a sample the rules refuse makes it 422 validation with errors[] naming each sample (field samples.ACCESSION) and nothing is entered.
         */
        post: {
            parameters: {
                query?: {
                    /** @description needed only when the run has several analytes */
                    analyte?: string;
                    /** @description true to enter the values as results; otherwise a preview */
                    enter?: boolean;
                    /** @description the kit's cut-off factor (default 1) */
                    factor?: number;
                    /** @description value = OD / cut-off × scale (default 1, S/CO) */
                    scale?: number;
                    /** @description 0 to 4 (default 2) */
                    decimals?: number;
                    /** @description each cut-off calibrator's OD (blank subtracted) at least this */
                    cutoff_od_min?: number;
                    cutoff_od_max?: number;
                    blank_od_max?: number;
                    /** @description each negative control's value below this (default 1; empty turns the check off) */
                    negative_max?: string;
                    /** @description each positive control's value at least this (default 1; empty turns the check off) */
                    positive_min?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                    "multipart/form-data": {
                        /** Format: binary */
                        file?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlateOutcome"];
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                413: components["responses"]["Problem"];
                415: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/override": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a rejected run's hold without a re-run (admin, with a reason; audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description ok */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunDetail"];
                    };
                };
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
                404: components["responses"]["Problem"];
                409: components["responses"]["Problem"];
                422: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ReagentLot: {
            id: number;
            analyte: string;
            kit: string;
            lot: string;
            /** Format: date */
            expires_on: string;
            /** Format: date */
            received_on: string;
            created_by?: number | null;
            /** Format: date-time */
            created_at: string;
            in_use: boolean;
            expired: boolean;
        };
        QCMaterial: {
            id: number;
            analyte: string;
            lot: string;
            /** @enum {string} */
            level: "negative" | "low_positive" | "high_positive";
            target_mean: number | null;
            target_sd: number | null;
            expected?: string;
            /** Format: date */
            valid_until: string;
            created_by?: number | null;
            /** Format: date-time */
            created_at: string;
        };
        QCEvaluation: {
            id?: number;
            run_id?: number;
            material_id?: number;
            analyte?: string;
            value?: number | null;
            qualitative?: string;
            z?: number | null;
            rules_violated: string[];
            /** @enum {string} */
            status: "accepted" | "warning" | "rejected";
            entered_by?: number | null;
            /** Format: date-time */
            entered_at?: string;
            run_status: string;
        };
        QCValue: {
            id: number;
            run_id: number;
            material_id: number;
            analyte: string;
            value: number | null;
            qualitative?: string;
            z: number | null;
            rules_violated: string[];
            /** @enum {string} */
            status: "accepted" | "warning" | "rejected";
            entered_by?: number | null;
            /** Format: date-time */
            entered_at: string;
        };
        RunSummary: {
            id: number;
            /** Format: date */
            day: string;
            /** @enum {string} */
            status: "pending" | "accepted" | "warning" | "rejected" | "corrected" | "overridden";
            lot_review: boolean;
            corrective_action?: string;
            /** Format: date-time */
            corrected_at?: string | null;
            rerun_id?: number | null;
            override_reason?: string;
            overridden_by?: number | null;
            created_by?: number | null;
            /** Format: date-time */
            created_at: string;
            analytes: string[];
            samples: number;
        };
        PlateWell: {
            well: string;
            /** @enum {string} */
            kind: "blank" | "cutoff" | "negative" | "positive" | "sample" | "empty";
            accession?: string;
        };
        PlateLayout: {
            blanks?: string[];
            cutoffs?: string[];
            negatives?: string[];
            positives?: string[];
            first_sample?: string;
        };
        KitFormula: {
            factor?: number;
            scale?: number;
            decimals?: number;
            cutoff_od_min?: number;
            cutoff_od_max?: number;
            blank_od_max?: number;
            negative_max?: number;
            positive_min?: number;
        };
        RunPlate: {
            run_id?: number;
            analytes?: string[];
            layout?: components["schemas"]["PlateLayout"];
            formula?: components["schemas"]["KitFormula"];
            wells?: components["schemas"]["PlateWell"][];
            cutoff?: number;
            /** Format: date-time */
            read_at?: string;
        };
        PlateOutcome: {
            formula?: components["schemas"]["KitFormula"];
            blank_od?: number;
            cutoff_mean?: number;
            cutoff?: number;
            analyte?: string;
            entered?: number;
            wells?: {
                well?: string;
                kind?: string;
                accession?: string;
                od?: number;
                corrected?: number;
                value?: number;
            }[];
            samples?: {
                well?: string;
                accession?: string;
                od?: number;
                value?: number;
                text?: string;
            }[];
        };
        RunDetail: {
            id: number;
            /** Format: date */
            day: string;
            /** @enum {string} */
            status: "pending" | "accepted" | "warning" | "rejected" | "corrected" | "overridden";
            lot_review: boolean;
            corrective_action?: string;
            /** Format: date-time */
            corrected_at?: string | null;
            rerun_id?: number | null;
            override_reason?: string;
            overridden_by?: number | null;
            created_by?: number | null;
            /** Format: date-time */
            created_at: string;
            analytes: {
                analyte: string;
                lot: string;
                new_lot: boolean;
            }[];
            samples: {
                accession?: string;
                status?: string;
            }[];
            qc: components["schemas"]["QCValue"][];
        };
        LJChart: {
            material: components["schemas"]["QCMaterial"];
            points: {
                /** Format: date-time */
                at?: string;
                run_id?: number;
                value?: number | null;
                qualitative?: string;
                z?: number | null;
                rules_violated?: string[];
                status?: string;
            }[];
        };
        QCRejectionRate: {
            month: string;
            analyte: string;
            runs: number;
            rejected: number;
            rate: number;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            /**
             * @description the stable word naming the problem (lab/codes.go); a test keeps this list equal to the server's codes
             * @enum {string}
             */
            code: "malformed" | "unauthenticated" | "invalid_credentials" | "too_many_attempts" | "forbidden" | "password_change_required" | "not_found" | "invalid_state" | "conflict" | "duplicate_username" | "duplicate_station_code" | "last_admin" | "validation" | "internal" | "csrf_failed" | "unsupported_media_type" | "too_large" | "unavailable" | "invalid_characters" | "implausible_value" | "no_consent" | "gestation_too_late" | "already_screened" | "not_female" | "slot_in_past" | "slot_full" | "slot_closed" | "open_appointment_exists" | "duplicate_national_id" | "slot_exists" | "slot_in_use" | "capacity_below_booked" | "too_early" | "sample_not_ready" | "incomplete" | "self_verification" | "abnormal_not_acknowledged" | "lost_rule_not_met" | "bad_accession" | "open_followup_exists" | "retest_too_early" | "no_contact" | "retest_not_normal" | "delta_unacknowledged" | "pregnancy_open" | "lot_unknown" | "lot_expired" | "qc_failed" | "plate_full" | "plate_invalid";
            detail?: string;
            errors?: {
                field: string;
                code: string;
                detail?: string;
            }[];
            /** @description invalid_state — the record's state */
            current_state?: string;
            /** @description duplicate_national_id — the woman already registered */
            existing_client_id?: number;
            /** @description duplicate_national_id — her station */
            station_code?: string;
            /** @description lost_rule_not_met — unreached attempts the rule needs */
            min_unreached_attempts?: number;
            /** @description lost_rule_not_met — different days they must span */
            min_distinct_days?: number;
            /**
             * Format: date
             * @description retest_too_early — the first day a retest may be drawn
             */
            earliest_on?: string;
            /** @description delta_unacknowledged — the earlier sample the IgG was lost against, as the review names it */
            paired_with?: {
                accession?: string;
                /** Format: date */
                collected_on?: string;
            };
            /** @description abnormal_not_acknowledged, delta_unacknowledged — the findings the release would make */
            findings?: components["schemas"]["Finding"][];
            /** @description delta_unacknowledged — the findings to acknowledge */
            delta?: components["schemas"]["Finding"][];
            /** @description retest_not_normal — the newest retest, whose findings are abnormal */
            accession?: string;
        };
        SessionUser: {
            id: number;
            username: string;
            display_name: string;
            /**
             * @description an analyser's user never signs in
             * @enum {string}
             */
            role: "admin" | "nurse" | "lab_tech" | "counselor";
            station_id: number | null;
            must_change_password: boolean;
        };
        LoginResponse: {
            token: string;
            /** Format: date-time */
            expires_at?: string;
            csrf_token?: string;
            user: components["schemas"]["SessionUser"];
        };
        Analyser: {
            id: number;
            name: string;
            /** @enum {string} */
            protocol: "hl7" | "astm";
            sender_id: string;
            /** @description the analyser's own user (role analyser), named as entered_by on its results */
            user_id: number;
            username: string;
            active: boolean;
            code_map: {
                [key: string]: string;
            };
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        InterfaceMessage: {
            id: number;
            analyser_id: number;
            protocol: string;
            control_id: string;
            /** Format: date-time */
            received_at: string;
            /**
             * @description AA accepted (results entered, waiting for verification); AE refused for its content; AR refused for its form
             * @enum {string}
             */
            ack: "AA" | "AE" | "AR";
            results: number;
            /** @description why it was refused: malformed, unsupported, no_control_id, bad_accession, unknown_accession, sample_state, unknown_analyte, not_in_panel, invalid_value, implausible_value, duplicate_result, analyser_inactive */
            reason?: string;
            /** @description where, such as OBX[2]-5 */
            at?: string;
            error?: string;
            raw: string;
        };
        Station: {
            id: number;
            code: string;
            name: string;
            timezone: string;
            /** @description the number messages to women may give them to call; empty when none */
            phone: string;
            active: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        User: {
            id: number;
            username: string;
            display_name: string;
            /**
             * @description staff only; an analyser's user is listed with its analyser
             * @enum {string}
             */
            role: "admin" | "nurse" | "lab_tech" | "counselor";
            station_id: number | null;
            active: boolean;
            must_change_password: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Settings: {
            [key: string]: number;
        };
        AuditEntry: {
            id: number;
            /** Format: date-time */
            at: string;
            actor_id?: number | null;
            actor_username?: string;
            action: string;
            entity: string;
            entity_id?: string;
            ip?: string;
            request_id?: string;
            changes?: unknown;
        };
        Consent: {
            given: boolean;
            text_version?: string;
            recorded_by?: number;
            /** Format: date-time */
            recorded_at?: string;
        };
        Client: {
            id: number;
            station_id: number;
            name: string;
            /** @description masked: first 3 and last 4 characters */
            national_id: string;
            /** Format: date */
            birth_date?: string;
            /** @description masked */
            phone: string;
            address?: string;
            /** @enum {string} */
            category: "newlywed" | "planning" | "pregnant";
            /** Format: date */
            lmp_date?: string | null;
            consent: components["schemas"]["Consent"];
            reminders: components["schemas"]["Reminders"];
        };
        Slot: {
            id: number;
            station_id: number;
            /** Format: date */
            date: string;
            start: string;
            end?: string;
            /** Format: date-time */
            starts_at?: string;
            capacity: number;
            booked: number;
            closed?: boolean;
        };
        Eligibility: {
            bookable: boolean;
            /** Format: date */
            date: string;
            reasons: ("open_appointment_exists" | "no_consent" | "gestation_too_late" | "already_screened")[];
            open_appointment_id?: number;
        };
        Appointment: {
            id: number;
            client_id: number;
            station_id?: number;
            slot_id: number;
            /** @enum {string} */
            status: "booked" | "checked_in" | "collected" | "cancelled" | "no_show";
            kind?: string;
            /** Format: date */
            date: string;
            start?: string;
            category?: string;
            /** Format: date */
            lmp_date?: string | null;
            recollection_id?: number | null;
            followup_id?: number | null;
        };
        /** @description weeks and days since her last menstrual period */
        GestationalAge: {
            weeks: number;
            days: number;
        };
        /** @description one line of a station's day list (or of a woman's appointments) */
        DayListEntry: {
            id: number;
            client_id: number;
            client_name: string;
            national_id: string;
            station_id: number;
            slot_id: number;
            /** Format: date */
            date: string;
            start: string;
            /** @enum {string} */
            status: "booked" | "checked_in" | "collected" | "cancelled" | "no_show";
            /** @enum {string} */
            kind: "screening" | "retest" | "redraw";
            /** @enum {string} */
            category: "newlywed" | "planning" | "pregnant";
            /** Format: date */
            lmp_date: string | null;
            gestational_age?: components["schemas"]["GestationalAge"];
        };
        Sample: {
            accession: string;
            client_id: number;
            appointment_id: number;
            station_id: number;
            panel: string;
            kind: string;
            /** @enum {string} */
            status: "collected" | "shipped" | "received" | "resulted" | "released" | "rejected";
            collected_by?: number | null;
            /** Format: date-time */
            collected_at: string;
            shipment_id?: number | null;
            received_by?: number;
            /** Format: date-time */
            received_at?: string;
            rejected_by?: number;
            /** Format: date-time */
            rejected_at?: string;
            reject_reason?: string;
            reject_note?: string;
            labels_printed: number;
            report_version: number;
            abnormal: boolean;
            verified_by?: number;
            /**
             * Format: date-time
             * @description the release of the newest report version
             */
            released_at?: string;
            /**
             * Format: date-time
             * @description the first release, which an amendment never moves; turnaround counts to it
             */
            first_released_at?: string;
            /** Format: date-time */
            updated_at?: string;
        };
        Result: {
            analyte: string;
            state: string;
            version: number;
            value: number | null;
            /** @description the value as typed or exported, such as 12.50 or >650 */
            value_text?: string;
            /** @description the reference range an analyser sent with the result (HL7 OBX-7), kept as sent */
            reference_range?: string;
            /** @description the abnormal flags an analyser sent (HL7 OBX-8), kept as sent; torchlab judges by the kit */
            abnormal_flags?: string;
            /**
             * @description for a value beyond the analyser's range, its side; value is then the bound
             * @enum {string}
             */
            value_qualifier?: "<" | "<=" | ">" | ">=";
            qualitative?: string;
            unit: string;
            kit: string;
            lot?: string;
            negative_below: number | null;
            positive_from: number | null;
            /** @enum {string} */
            interpretation: "negative" | "equivocal" | "positive";
            entered_by: number | null;
            /** Format: date-time */
            entered_at: string;
            /** @description why an amendment changed a released result */
            reason?: string;
            /** Format: date-time */
            superseded_at?: string;
        };
        SampleEvent: {
            event: string;
            /** Format: date-time */
            at: string;
            actor?: string;
            detail?: string;
        };
        SampleDetail: components["schemas"]["Sample"] & {
            client_name?: string;
            national_id?: string;
            station_code?: string;
            analytes?: string[];
            results: components["schemas"]["Result"][];
            amendment_pending?: boolean;
            events: components["schemas"]["SampleEvent"][];
        };
        Review: {
            category: string;
            gestational_age?: components["schemas"]["GestationalAge"];
            paired_with?: {
                accession?: string;
                /** Format: date */
                collected_on?: string;
            };
            findings: components["schemas"]["Finding"][];
            abnormal: boolean;
            delta: components["schemas"]["Finding"][];
        };
        ClientPage: components["schemas"]["Client"] & {
            /** @description her open pregnancy, with today's gestational age */
            pregnancy?: components["schemas"]["Pregnancy"] | null;
            vaccinations: components["schemas"]["Vaccination"][];
            /** Format: date */
            rubella_deferral_ends_on?: string | null;
        };
        Pregnancy: {
            id: number;
            client_id: number;
            station_id: number;
            /** Format: date */
            lmp_date: string;
            /** Format: date */
            edd: string;
            source: string;
            /** Format: date-time */
            recorded_at: string;
            /**
             * Format: date
             * @description the early-pregnancy contact is due by this day; null when she was recorded after early pregnancy
             */
            early_due_on: string | null;
            /** Format: date-time */
            early_contacted_at: string | null;
            /** Format: date */
            outcome_from: string;
            /** Format: date */
            outcome_due_on: string;
            outcome?: string;
            /** Format: date */
            outcome_on?: string;
            gestation_weeks?: number;
            birth_weight_g?: number;
            defects: {
                code?: string;
                text: string;
            }[];
            open: boolean;
            gestational_age?: components["schemas"]["GestationalAge"];
            warnings?: "lmp_within_rubella_deferral"[];
        };
        PregnancyList: {
            items: components["schemas"]["Pregnancy"][];
            total?: number;
        };
        PregnancyTask: {
            pregnancy_id: number;
            /** @enum {string} */
            task: "early_contact" | "outcome";
            /** Format: date */
            opens_on: string;
            /** Format: date */
            due_on: string;
            overdue: boolean;
            client_id: number;
            client_name: string;
            national_id: string;
            station_id: number;
            /** Format: date */
            lmp_date: string;
            /** Format: date */
            edd: string;
            gestational_age?: components["schemas"]["GestationalAge"];
        };
        PregnancyTaskList: {
            items: components["schemas"]["PregnancyTask"][];
            total?: number;
        };
        PregnancyContact: {
            id: number;
            pregnancy_id: number;
            /** @enum {string} */
            task: "early_contact" | "outcome";
            /** @enum {string} */
            channel: "phone" | "sms" | "visit" | "in_person";
            /** @enum {string} */
            result: "reached" | "no_answer" | "wrong_number" | "refused";
            note?: string;
            /** Format: date-time */
            at: string;
        };
        Vaccination: {
            id: number;
            client_id: number;
            vaccine: string;
            /** Format: date */
            given_on: string;
            pregnancy_excluded: boolean;
            deferral_days: number;
            /** Format: date */
            deferral_ends_on: string;
            note?: string;
            /** Format: date-time */
            recorded_at: string;
        };
        VaccinationList: {
            items: components["schemas"]["Vaccination"][];
            total?: number;
        };
        /** @description Monday to Friday are working days, less the holidays, plus the make-up working days. */
        WorkCalendar: {
            holidays: string[];
            workdays: string[];
        };
        Receipt: {
            /** @enum {string} */
            receipt: "received" | "already_received" | "rejected_expired";
            sample: components["schemas"]["Sample"];
        };
        Shipment: {
            id: number;
            station_id: number;
            /** @enum {string} */
            status: "packed" | "dispatched" | "arrived";
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            dispatched_at?: string;
            /** @description the manifest, by accession */
            items: {
                accession: string;
                /** @enum {string} */
                status: "collected" | "shipped" | "received" | "resulted" | "released" | "rejected";
                /** Format: date-time */
                scanned_at: string | null;
            }[];
            missing: string[];
            unexpected: string[];
        };
        Recollection: {
            id: number;
            client_id: number;
            station_id?: number;
            reason: string;
            client_name?: string;
            rejected_accession?: string;
            booked?: boolean;
        };
        Panel: {
            code: string;
            name_zh: string;
            name_en: string;
            is_default: boolean;
            analytes: string[];
        };
        Kit: {
            id: number;
            analyte: string;
            kit: string;
            unit: string;
            negative_below: number;
            positive_from: number;
            /** Format: date */
            effective_from: string;
            /** Format: date-time */
            created_at: string;
        };
        Analyte: {
            code: string;
            pathogen: string;
            antibody: string;
            name_zh: string;
            name_en: string;
            loinc: string;
            unit: string;
            /** @description the lowest value held possible (null, no bound); a value below is refused, 422 implausible_value */
            plausible_min: number | null;
            /** @description the highest value held possible (null, no bound) */
            plausible_max: number | null;
            active_kit?: components["schemas"]["Kit"] | null;
            /** @description every version, oldest first (GET /analytes; not on the answer of plausible-range) */
            kits?: components["schemas"]["Kit"][];
        };
        ImportReport: {
            import_id?: number;
            /** @description lines of the file, the header counted */
            lines?: number;
            saved: number;
            rejected: number;
            /** @description the path of every refused line as CSV (GET), when a line was refused */
            errors_csv?: string;
            /** @description the first 200 refused lines, in file order */
            rows: {
                line: number;
                ok: boolean;
                code?: string;
                detail?: string;
            }[];
        };
        Finding: {
            code: string;
            pathogen: string;
            igg: string;
            igm: string;
            abnormal: boolean;
            /** @enum {string} */
            priority?: "urgent" | "high" | "routine";
            recommendation: string;
            recommendation_en: string;
            /** @description on a paired finding (retest or redraw), the IgG interpretation of the earlier sample */
            earlier_igg?: string;
            /** @description on a paired finding, the IgM interpretation of the earlier sample ("" when not tested) */
            earlier_igm?: string;
        };
        Report: {
            accession: string;
            version: number;
            abnormal: boolean;
            name?: string;
            national_id?: string;
            age?: number;
            category?: string;
            /** Format: date */
            collected_on?: string;
            /** Format: date-time */
            released_at?: string;
            results: {
                analyte: string;
                interpretation: string;
                /** @description the value as typed, such as >10 */
                value_text?: string;
                value_qualifier?: string;
                unit?: string;
                kit?: string;
                earlier?: Record<string, never>[];
            }[];
            findings: components["schemas"]["Finding"][];
            amendments?: Record<string, never>[];
            /** @description the programme's settings, by name (as GET /api/v1/settings), that the texts were written with; for a frozen report, those in force at its release */
            settings: {
                [key: string]: number;
            };
            /** @description true when the report is this version as stored at its release; false for a sample released before reports were stored, whose report is built from today's records */
            frozen: boolean;
            /** @description the earlier sample a retest or redraw was read against (paired sera) */
            paired_with?: string;
        };
        Case: {
            id: number;
            client_id: number;
            station_id?: number;
            sample_accession: string;
            /** @enum {string} */
            status: "open" | "in_progress" | "closed";
            /** @enum {string} */
            priority: "urgent" | "high" | "routine";
            findings: components["schemas"]["Finding"][];
            /** Format: date-time */
            due_at: string;
            overdue: boolean;
            assignee_id: number | null;
            /** @description the counselor's display name */
            assignee_name?: string;
            /** @description the latest attempt to reach her (null before the first) */
            last_contact?: {
                /** Format: date-time */
                at: string;
                /** @enum {string} */
                channel: "phone" | "sms" | "visit" | "in_person";
                /** @enum {string} */
                result: "reached" | "no_answer" | "wrong_number" | "refused";
            } | null;
            next_action?: components["schemas"]["NextAction"];
            /** @description today's, from her open pregnancy */
            gestational_age?: components["schemas"]["GestationalAge"];
        };
        CaseDetail: components["schemas"]["Case"] & {
            results: components["schemas"]["Result"][];
            retests: Record<string, never>[];
            contacts: components["schemas"]["Contact"][];
            timeline: {
                event?: string;
                detail?: string;
                /** Format: date-time */
                at?: string;
                actor_id?: number | null;
                /** @description the username recorded */
                actor?: string;
                /** @description the actor's display name now (what the UI shows) */
                actor_name?: string;
            }[];
            /** @description the episode's tubes in the order drawn, each with its released results */
            samples: components["schemas"]["CaseSample"][];
            external_results: components["schemas"]["ExternalResult"][];
            /**
             * Format: date
             * @description the first day a retest may be drawn (retest_min_days after the latest draw); null once closed
             */
            retest_earliest_on?: string | null;
            /** @description what the screen proposes when she is reached; null once closed */
            suggested_next_action?: components["schemas"]["NextAction"];
            /** @description her open pregnancy */
            pregnancy?: components["schemas"]["Pregnancy"] | null;
            /**
             * Format: date
             * @description the day of her latest rubella vaccination
             */
            vaccinated_on?: string | null;
        };
        Followup: {
            id: number;
            status: string;
            priority: string;
            /** Format: date-time */
            due_at?: string;
            assignee_id?: number | null;
            next_action?: components["schemas"]["NextAction"];
        };
        /** @description what an open case waits for; it is overdue after due_at (the end of due_on at her station, or a first contact's due time), reached or not; null once closed */
        NextAction: {
            /** @enum {string} */
            kind: "contact" | "retest" | "external_result" | "outcome";
            /** Format: date */
            due_on: string;
            /** Format: date-time */
            due_at: string;
        } | null;
        /** @description the next action the counselor chooses when she is reached (or with an external result) */
        NextActionChoice: {
            /** @enum {string} */
            kind: "contact" | "retest" | "external_result" | "outcome";
            /** Format: date */
            due_on: string;
        };
        CaseSample: {
            accession: string;
            /** @enum {string} */
            kind: "screening" | "retest" | "redraw";
            status: string;
            /** Format: date */
            collected_on: string;
            /** Format: date-time */
            released_at?: string;
            report_version: number;
            abnormal: boolean;
            results: components["schemas"]["Result"][];
        };
        ExternalResult: {
            id: number;
            /** @enum {string} */
            kind: "avidity" | "pcr" | "obstetric_referral";
            pathogen?: string;
            result: string;
            /** Format: date */
            performed_on: string;
            note?: string;
            /** @description priority_lowered when a high avidity before 12 weeks lowered the case to routine */
            effect?: string;
            /** Format: date-time */
            recorded_at: string;
            recorded_by?: number | null;
        };
        Contact: {
            id: number;
            channel: string;
            result: string;
            note?: string;
            /** Format: date */
            next_attempt_on?: string;
            /** Format: date-time */
            at: string;
            by_id: number | null;
            /** @description the username recorded */
            by: string;
            /** @description her display name now (what the UI shows) */
            by_name?: string;
        };
        Notification: {
            id: number;
            /** @enum {string} */
            type: "followup.assigned" | "followup.unassigned" | "followup.overdue" | "sample.rejected" | "retest.released" | "followup.updated" | "pregnancy.overdue" | "pregnancy.deferral_warning";
            followup_id?: number;
            /** @description the woman a notification is about when it is not about a case */
            client_id?: number;
            pregnancy_id?: number;
            message?: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            read_at?: string;
        };
        NotificationList: {
            items: components["schemas"]["Notification"][];
            /** @description The user's unread notifications, counted up to 100 (lab.UnreadCountMax); 100 means 100 or more. */
            unread: number;
            next_cursor?: string;
        };
        SafetyNetItem: {
            kind: string;
            accession: string;
            followup_id?: number;
            assignee_id?: number;
            station_id: number;
        };
        SlotBatch: {
            items: components["schemas"]["Slot"][];
            total: number;
            skipped: number;
        };
        Reveal: {
            client_id: number;
            national_id?: string;
            phone?: string;
        };
        StationList: {
            items: components["schemas"]["Station"][];
            next_cursor?: string;
            total?: number;
        };
        UserList: {
            items: components["schemas"]["User"][];
            next_cursor?: string;
            total?: number;
        };
        AuditList: {
            items: components["schemas"]["AuditEntry"][];
            next_cursor?: string;
        };
        ClientList: {
            items: components["schemas"]["Client"][];
            next_cursor?: string;
            total?: number;
        };
        SlotList: {
            items: components["schemas"]["Slot"][];
            next_cursor?: string;
            total?: number;
        };
        DayList: {
            items: components["schemas"]["DayListEntry"][];
            next_cursor?: string;
            total?: number;
        };
        SampleList: {
            items: (components["schemas"]["Sample"] & {
                client_name: string;
                /** @description with include=results — the current results (nurses and counselors see released ones only) */
                results?: components["schemas"]["Result"][];
            })[];
            next_cursor?: string;
        };
        ShipmentList: {
            items?: components["schemas"]["Shipment"][];
            total?: number;
        };
        RecollectionList: {
            items: components["schemas"]["Recollection"][];
            next_cursor?: string;
            total?: number;
        };
        PanelList: {
            items: components["schemas"]["Panel"][];
            next_cursor?: string;
        };
        AnalyteList: {
            items: components["schemas"]["Analyte"][];
            next_cursor?: string;
        };
        CaseList: {
            items: components["schemas"]["Case"][];
            next_cursor?: string;
            /** @description Always for one station's or one assignee's cases. Across all stations (an admin with neither station nor assignee) only when the page reaches the end of the list: counting every station's cases costs more than the page. A full page without a total has more after it. */
            total?: number;
        };
        SafetyNetList: {
            items: components["schemas"]["SafetyNetItem"][];
            next_cursor?: string;
            total?: number;
        };
        /** @description one setting an admin may change, its default and bounds */
        SettingRule: {
            name: string;
            default: number;
            min: number;
            max: number;
            unit: string;
            doc: string;
        };
        SettingRules: {
            items: components["schemas"]["SettingRule"][];
        };
        /** @description her choice of text-message reminders */
        Reminders: {
            opt_in: boolean;
            /** @enum {string} */
            lang: "zh" | "en";
        };
        RemindersInput: {
            opt_in: boolean;
            /**
             * @description omitted, her language stays (Chinese for a new client)
             * @enum {string}
             */
            lang?: "zh" | "en";
        };
        Message: {
            id: number;
            /** @description the idempotency key naming the event, such as report_ready:42; sent to the gateway as its out-id */
            key: string;
            client_id: number;
            station_id: number;
            /** @enum {string} */
            event: "appointment_reminder" | "report_ready" | "retest_due" | "pregnancy_early" | "pregnancy_outcome";
            /** @description the appointment, sample, case or pregnancy the event is about */
            subject_id: number;
            /** Format: date */
            event_on?: string;
            /** @enum {string} */
            lang: "zh" | "en";
            text: string;
            /** @description masked */
            phone: string;
            /** @enum {string} */
            status: "queued" | "sent" | "delivered" | "failed" | "cancelled";
            /** @description why a message is cancelled or failed, or the gateway's receipt code */
            status_detail?: string;
            attempts: number;
            /** Format: date-time */
            next_attempt_at: string;
            /** Format: date-time */
            expires_at: string;
            provider_message_id?: string;
            last_error?: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            sent_at: string | null;
            /** Format: date-time */
            delivered_at?: string;
            /** Format: date-time */
            failed_at?: string;
            /** Format: date-time */
            cancelled_at?: string;
            /** Format: date-time */
            updated_at: string;
        };
        MessageList: {
            items: components["schemas"]["Message"][];
            next_cursor?: string;
            total?: number;
        };
        MessageTemplate: {
            event: string;
            /** @enum {string} */
            lang: "zh" | "en";
            body: string;
            default_body: string;
            customized: boolean;
            placeholders: string[];
            /** Format: date-time */
            updated_at?: string;
            updated_by?: number;
        };
        MessageTemplateList: {
            items: components["schemas"]["MessageTemplate"][];
            forbidden_words: string[];
        };
        Ok: {
            status: string;
        };
        /** @description numerator ÷ denominator, rounded to 4 places (0 when the denominator is 0) */
        Ratio: {
            numerator: number;
            denominator: number;
            rate: number;
        };
        OutcomeRow: {
            /** @enum {string} */
            screening_result: "abnormal" | "normal";
            total: number;
            outcomes: {
                live_birth: number;
                stillbirth: number;
                miscarriage: number;
                induced_abortion: number;
                ectopic: number;
                unknown: number;
            };
        };
        /** @description the interpretations of one analyte among those with a released result of it (women on the result tube of their first screen in the range, or retest samples) */
        Positivity: {
            analyte: string;
            tested: number;
            negative: number;
            equivocal: number;
            positive: number;
            positive_rate: components["schemas"]["Ratio"];
        };
        /** @description how many, and the median and 90th percentile (nearest rank) in hours to 0.1 */
        Spread: {
            count: number;
            median_hours?: number | null;
            p90_hours?: number | null;
        };
        /** @description one station's or one month's line. screened, tested and the two ratios count women (each by her first screen at the station or in the month); the rest count samples and cases. */
        SummaryRow: {
            key: string;
            station_code?: string;
            month?: string;
            screened: number;
            tested: number;
            collected: number;
            rejected?: number;
            released?: number;
            abnormal?: number;
            cases_opened?: number;
            cases_reached?: number;
            cases_closed?: number;
            cases_lost?: number;
            followup_completion: components["schemas"]["Ratio"];
            within_5_working_days: components["schemas"]["Ratio"];
        };
        /** @description The programme's statistics for a range of collection dates (docs/decisions.md, "Statistics per woman"). A woman's screen is a screening sample with its redraws after a rejection; she counts once, by her first screen in the range (at the station, with station_id). screened, tested, positivity, by_category and the ratios count women; collected to findings, analytes, retests, redraws and followup count samples and cases. */
        Summary: {
            /** Format: date */
            from?: string;
            /** Format: date */
            to?: string;
            station_id?: number | null;
            /** @description women with a first screen collected in the range (a rejected tube counts) */
            screened: number;
            /** @description of them, those whose screen has a released tube (the result tube) */
            tested: number;
            /** @description per analyte, among tested women with a released result of it on the result tube (current interpretations, after amendments) */
            positivity: components["schemas"]["Positivity"][];
            /** @description newlywed, planning and pregnant, by the category on her first screen's appointment */
            by_category: {
                /** @enum {string} */
                category: "newlywed" | "planning" | "pregnant";
                screened: number;
                tested: number;
                positivity: components["schemas"]["Positivity"][];
            }[];
            collected: number;
            received?: number;
            rejected: number;
            rejected_by_reason?: {
                [key: string]: number;
            };
            released: number;
            /** @description retest samples collected in the range, released, and their positivity per sample */
            retests: {
                collected: number;
                released: number;
                positivity: components["schemas"]["Positivity"][];
            };
            /** @description redraw samples (after a rejected tube) collected in the range, and released */
            redraws: {
                collected: number;
                released: number;
            };
            /** @description per analyte, every released sample's result (retests and redraws included) */
            analytes: {
                analyte: string;
                tested: number;
                negative?: number;
                equivocal?: number;
                positive?: number;
                negative_rate?: number;
                equivocal_rate?: number;
                positive_rate?: number;
            }[];
            findings: {
                [key: string]: number;
            };
            turnaround: {
                collection_to_receipt: components["schemas"]["Spread"];
                receipt_to_release: components["schemas"]["Spread"];
                release_to_first_reached_contact: components["schemas"]["Spread"];
                /** @description per tested woman, from the result tube's collection to its first release; within_5_working_days counts the working days after the collection day up to and including the release day (the programme's calendar, in the station's time zone) */
                collection_to_first_release: components["schemas"]["Spread"] & {
                    within_5_working_days: components["schemas"]["Ratio"];
                };
            };
            /** @description women whose first screen opened a case, reached on the first such case at or before its first due time; the women never reached are in the denominator */
            reached_in_time: components["schemas"]["Ratio"];
            /** @description women whose first screen opened a case, with every such case closed with an outcome other than lost_to_follow_up */
            followup_completion: components["schemas"]["Ratio"];
            /** @description women whose first screen opened a case, with one such case closed as lost_to_follow_up */
            lost_to_follow_up: components["schemas"]["Ratio"];
            /** @description women whose case's findings advise a redraw, with a released retest or redraw on that case */
            retest_completion: components["schemas"]["Ratio"];
            /** @description women not pregnant and not immune to rubella on their first screen, with a rubella vaccination given on or after its collection day */
            rubella_vaccination_completion: components["schemas"]["Ratio"];
            /** @description tested women whose screen's pregnancy (her first by LMP not ended before the screen's day) was reached in early pregnancy (a reached early contact, or the outcome recorded, by the end of its due day), among those whose early follow-up is done, whose due day has ended, or whose pregnancy was recorded after early pregnancy */
            early_pregnancy_followup: components["schemas"]["Ratio"];
            /** @description tested women whose screen's pregnancy has its outcome recorded (other than unknown), among those with an outcome recorded or whose outcome follow-up's due day has ended */
            outcome_followup: components["schemas"]["Ratio"];
            /** @description the recorded outcomes of the tested women's screens' pregnancies, by whether the screen's result tube was released abnormal; always two rows, abnormal first */
            outcomes_by_screening_result: components["schemas"]["OutcomeRow"][];
            /** @description of those outcomes, the births (live births and stillbirths) with a birth defect recorded, among the births; per_10000 is numerator ÷ denominator × 10,000 rounded to 2 places (0 without births) */
            birth_defects_per_10000_births: components["schemas"]["Ratio"] & {
                per_10000: number;
            };
            /** @description the cases the range's samples opened, counted per case */
            followup: {
                opened: number;
                closed: number;
                closed_by_outcome?: {
                    [key: string]: number;
                };
                completion_rate?: number;
                lost_rate?: number;
                overdue_now: number;
            };
            by_station: components["schemas"]["SummaryRow"][];
            by_month: components["schemas"]["SummaryRow"][];
        };
    };
    responses: {
        /** @description a problem */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
