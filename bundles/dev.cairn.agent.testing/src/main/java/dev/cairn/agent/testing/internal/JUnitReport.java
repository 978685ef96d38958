package dev.cairn.agent.testing.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import dev.cairn.api.store.TestCaseRecord;

/** Reads JUnit XML (pytest's --junitxml, Vitest's junit reporter) into test case records. */
final class JUnitReport {
	private JUnitReport() {
	}

	static List<TestCaseRecord> read(Path report, String runId) throws IOException {
		try {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			f.setExpandEntityReferences(false);
			Document doc = f.newDocumentBuilder().parse(report.toFile());
			NodeList cases = doc.getElementsByTagName("testcase");
			List<TestCaseRecord> out = new ArrayList<>();
			for (int i = 0; i < cases.getLength(); i++) {
				Element c = (Element) cases.item(i);
				String status = "passed";
				String message = null;
				for (String kind : List.of("failure", "error", "skipped")) {
					NodeList n = c.getElementsByTagName(kind);
					if (n.getLength() > 0) {
						status = kind.equals("failure") ? "failed" : kind.equals("error") ? "error" : "skipped";
						Element e = (Element) n.item(0);
						message = e.getAttribute("message");
						if (message.isEmpty()) {
							message = e.getTextContent().strip();
						}
						message = firstLines(message);
						break;
					}
				}
				double seconds = c.getAttribute("time").isEmpty() ? 0 : Double.parseDouble(c.getAttribute("time"));
				out.add(new TestCaseRecord(runId, c.getAttribute("classname"), c.getAttribute("name"), status,
						Math.round(seconds * 1000), message));
			}
			return out;
		} catch (ParserConfigurationException | SAXException | NumberFormatException e) {
			throw new IOException("unreadable test report " + report + ": " + e.getMessage(), e);
		}
	}

	private static String firstLines(String s) {
		String[] lines = s.split("\n");
		String joined = String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(3, lines.length)));
		return joined.length() > 1000 ? joined.substring(0, 1000) + "..." : joined;
	}
}
