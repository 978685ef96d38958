/**
 * Agents by role (requirements, coding, testing, documentation) and the shared run context they hand along.
 */
@Export
@Version("1.3.0")
package dev.cairn.api.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
