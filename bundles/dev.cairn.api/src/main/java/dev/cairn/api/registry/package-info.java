/**
 * What the orchestrator has discovered on the service whiteboard, and which service it would pin per role and stack.
 */
@Export
@Version("1.0.0")
package dev.cairn.api.registry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
