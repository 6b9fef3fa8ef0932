package dev.vanguard.session.lobby;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

/**
 * Names for classrooms: an adjective and an animal ("Brave Otter"), 40 × 40 of them,
 * every one short, kind and free of the block list. A player in a session with friendly
 * nicknames gets one of these instead of the name they typed.
 */
@Component
public class FriendlyNicknames {

	static final List<String> ADJECTIVES = List.of("Brave", "Calm", "Clever", "Cosy", "Curious", "Daring", "Eager",
			"Fancy", "Fast", "Friendly", "Gentle", "Giant", "Glad", "Golden", "Happy", "Helpful", "Honest", "Jolly",
			"Kind", "Lively", "Lucky", "Mighty", "Neat", "Nimble", "Noble", "Polite", "Proud", "Quick", "Quiet",
			"Rapid", "Silly", "Smart", "Snappy", "Sunny", "Swift", "Tidy", "Witty", "Wise", "Zany", "Zesty");

	static final List<String> ANIMALS = List.of("Alpaca", "Badger", "Beaver", "Bison", "Camel", "Cheetah", "Dolphin",
			"Eagle", "Falcon", "Ferret", "Gecko", "Giraffe", "Hedgehog", "Heron", "Ibis", "Jaguar", "Koala", "Lemur",
			"Llama", "Lynx", "Meerkat", "Moose", "Narwhal", "Newt", "Ocelot", "Otter", "Owl", "Panda", "Parrot",
			"Penguin", "Puffin", "Quokka", "Rabbit", "Raccoon", "Seal", "Sloth", "Tapir", "Toucan", "Walrus", "Zebra");

	private static final int TRIES = 30;

	private final SecureRandom random = new SecureRandom();

	/**
	 * A name that {@code taken} says is free; after a few taken ones, a number is added
	 * ("Brave Otter 7"), so a big class always gets a name.
	 */
	public String generate(Predicate<String> taken) {
		for (int i = 0; i < TRIES; i++) {
			String name = pick(ADJECTIVES) + " " + pick(ANIMALS);
			if (!taken.test(name)) {
				return name;
			}
		}
		while (true) {
			String name = pick(ADJECTIVES) + " " + pick(ANIMALS) + " " + (2 + this.random.nextInt(98));
			if (!taken.test(name)) {
				return name;
			}
		}
	}

	private String pick(List<String> words) {
		return words.get(this.random.nextInt(words.size()));
	}

}
