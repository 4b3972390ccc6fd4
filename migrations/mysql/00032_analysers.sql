-- Analysers that send results over an interface (HL7 v2 or ASTM): each is
-- configured by an admin and acts as its own user (role analyser, which
-- cannot sign in), so that its results are entered by it and verified by a
-- technician. code_map is a JSON object from the analyser's test code
-- (local or LOINC) to an analyte code.

-- +goose Up
CREATE TABLE analysers (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(100) NOT NULL,
    protocol   VARCHAR(8)   NOT NULL,
    sender_id  VARCHAR(100) NOT NULL,
    user_id    BIGINT       NOT NULL,
    active     BOOLEAN      NOT NULL DEFAULT TRUE,
    code_map   TEXT         NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_analysers_name (name),
    UNIQUE KEY ux_analysers_sender (protocol, sender_id),
    KEY ix_analysers_user (user_id),
    CONSTRAINT fk_analysers_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE analysers;
