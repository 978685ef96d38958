package dev.cairn.agent.requirements.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PromptParserTest {
	static String describe(PromptParser.Result r) {
		return r.entities().stream()
				.map(e -> e.name() + "/" + e.plural() + "[" + e.fields().stream()
						.map(f -> f.name() + ":" + f.type() + (f.required() ? "" : "?")).collect(Collectors.joining(","))
						+ "]")
				.collect(Collectors.joining(" "));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"A FastAPI CRUD service for books with title, author and year|book/books[title:str,author:str,year:int]",
			"REST API to manage books (title, author, year)|book/books[title:str,author:str,year:int]",
			"Build a CRUD backend for tasks with a title, an optional description and a done flag|task/tasks[title:str,description:str?,done:bool]",
			"an API for products having name, price and quantity. Use SQLite.|product/products[name:str,price:float,quantity:int]",
			"Service with categories (name) and products with name, price: float and category id: int|category/categories[name:str] product/products[name:str,price:float,category_id:int]",
			"I need endpoints for people with first name, last name, birth date and email|person/people[first_name:str,last_name:str,birth_date:date,email:str]",
			"A FastAPI app for books with title and author, and authors with name and birth year|book/books[title:str,author:str] author/authors[name:str,birth_year:int]",
			"crud api: movies with title, integer runtime, rating and is_available|movie/movies[title:str,runtime:int,rating:float,is_available:bool]",
			"API for notes that have a body (text) and optional tags|note/notes[body:str,tags:str?]",
			"A FastAPI service for invoices with number as string, amount and due date|invoice/invoices[number:str,amount:float,due_date:date]",
			"a rest api for boxes with label and weight|box/boxes[label:str,weight:float]",
	})
	void findsEntitiesAndTypedFieldsInOrdinaryPhrasings(String prompt, String expected) {
		assertEquals(expected, describe(new PromptParser().parse(prompt)));
	}

	@Test
	void noEntityFallsBackToAnItemAndSaysSo() {
		PromptParser.Result r = new PromptParser().parse("A FastAPI CRUD service");
		assertEquals("item/items[name:str,description:str?]", describe(r));
		assertTrue(r.assumptions().get(0).contains("names no entity"));
	}

	@Test
	void idAndKeywordsAreHandledAndRecordedAsAssumptions() {
		PromptParser.Result r = new PromptParser().parse("API for courses with id, class and title");
		assertEquals("course/courses[class_value:str,title:str]", describe(r));
		assertEquals(2, r.assumptions().size());
		assertFalse(describe(r).contains("id:"));
	}

	@Test
	void inflection() {
		assertEquals(List.of("category", "box", "person", "bus", "address"), List.of(Inflector.singular("categories"),
				Inflector.singular("boxes"), Inflector.singular("people"), Inflector.singular("bus"),
				Inflector.singular("addresses")));
		assertEquals(List.of("categories", "boxes", "people", "keys"),
				List.of(Inflector.plural("category"), Inflector.plural("box"), Inflector.plural("person"),
						Inflector.plural("key")));
	}
}
