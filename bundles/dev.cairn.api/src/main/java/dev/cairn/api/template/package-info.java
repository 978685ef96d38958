/**
 * Stack templates: what a template declares, how it says it fits a prompt, and how it renders into a workspace through a guarded sink.
 */
@Export
@Version("1.2.0")
package dev.cairn.api.template;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
